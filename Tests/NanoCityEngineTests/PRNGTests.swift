import Testing
@testable import NanoCityEngine

@Suite struct PRNGTests {
    /// Reference outputs from Vigna's C code (splitmix64.c, xoshiro256starstar.c).
    @Test func splitMixMatchesReference() {
        var a = SplitMix64(seed: 0)
        #expect([a.next(), a.next(), a.next()] == [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F])
        var b = SplitMix64(seed: 42)
        #expect([b.next(), b.next(), b.next()] == [0xBDD7_3226_2FEB_6E95, 0x28EF_E333_B266_F103, 0x4752_6757_130F_9F52])
    }

    @Test func xoshiroMatchesReference() {
        var a = Xoshiro256StarStar(seed: 0)
        #expect((0..<5).map { _ in a.next() } == [0x99EC_5F36_CB75_F2B4, 0xBF6E_1F78_4956_452A, 0x1A5F_849D_4933_E6E0,
                                                  0x6AA5_94F1_262D_2D2C, 0xBBA5_AD4A_1F84_2E59])
        var b = Xoshiro256StarStar(seed: 42)
        #expect((0..<5).map { _ in b.next() } == [0x1578_0B2E_0C2E_C716, 0x6104_D986_6D11_3A7E, 0xAE17_5332_39E4_99A1,
                                                  0xECB8_AD47_03B3_60A1, 0xFDE6_DC7F_E2EC_5E64])
    }

    @Test func derivedDrawsAreInRangeAndUnbiased() {
        var r = Xoshiro256StarStar(seed: 9)
        var counts = [Int](repeating: 0, count: 7)
        for _ in 0..<70_000 {
            let u = r.uniform()
            #expect(u >= 0 && u < 1)
            counts[r.below(7)] += 1
        }
        // Each bucket expects 10,000 (sd ≈ 93); 5 sd is a generous, still failing, bound.
        for c in counts { #expect(abs(c - 10_000) < 470) }
        // `uniform` of seed 0 is the top 53 bits of the first output.
        var z = Xoshiro256StarStar(seed: 0)
        #expect(z.uniform() == Double(UInt64(0x99EC_5F36_CB75_F2B4) >> 11) * 0x1.0p-53)
    }

    @Test func derivedSeedsDependOnBaseAndIndexOnly() {
        // Reference values of SplitMix64 (Vigna's splitmix64.c): the first output for seeds 1 and 12345.
        #expect(SplitMix64.derive(base: 1, index: 0) == 0x910A_2DEC_8902_5CC1)
        #expect(SplitMix64.derive(base: 12345, index: 0) == 0x2211_8258_A9D1_11A0)
        let seeds = Set((0..<1000).map { SplitMix64.derive(base: 12345, index: UInt64($0)) })
        #expect(seeds.count == 1000)
        // derive(base, i) is the (i+1)-th output of SplitMix64(seed: base).
        var sm = SplitMix64(seed: 77)
        for i in 0..<5 { #expect(sm.next() == SplitMix64.derive(base: 77, index: UInt64(i))) }
    }

    @Test func shuffleIsAPermutationAndSeedDependent() {
        var a = Xoshiro256StarStar(seed: 1), b = Xoshiro256StarStar(seed: 1), c = Xoshiro256StarStar(seed: 2)
        var x = Array(0..<100), y = Array(0..<100), z = Array(0..<100)
        a.shuffle(&x); b.shuffle(&y); c.shuffle(&z)
        #expect(x == y)
        #expect(x != z)
        #expect(x.sorted() == Array(0..<100))
    }
}

/// SHA-256 against the FIPS 180-4 examples (and a million 'a's), fed whole and in odd pieces.
@Suite struct SHA256Tests {
    @Test func fipsVectors() {
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        var s = SHA256()
        let a = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { s.update(a[0..<333]); s.update(a[333..<1000]) }
        #expect(SHA256.hexString(s.finish()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
