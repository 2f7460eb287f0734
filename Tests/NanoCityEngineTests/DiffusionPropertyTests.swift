import PropertyBased
import Testing
@testable import NanoCityEngine

/// NetLogo diffusion without decay conserves the field's total for any grid shape, rate and
/// contents (up to Float rounding), never makes a value negative, and with decay d scales
/// the total by exactly d (up to rounding).
@Suite struct DiffusionPropertyTests {
    @Test func diffusionConservesMass() async {
        await propertyCheck(count: 300, input: Gen.int(in: 1...40), Gen.int(in: 1...40), Gen.float(in: 0...1),
                            Gen.float(in: 0...1000).array(of: 64)) { w, h, rate, pool in
            var field = ScalarField(size: GridSize(width: w, height: h))
            for i in field.values.indices { field.values[i] = pool[(i * 7 + i / 3) % pool.count] }
            let before = field.values.reduce(0.0) { $0 + Double($1) }
            var scratch: [Float] = []
            for _ in 0..<3 { Diffusion.step(&field, rate: rate, decay: 1, scratch: &scratch) }
            let after = field.values.reduce(0.0) { $0 + Double($1) }
            #expect(abs(after - before) <= 1e-5 * max(1, before), "w \(w) h \(h) rate \(rate): \(before) → \(after)")
            #expect(field.values.allSatisfy { $0 >= 0 })
        }
    }

    @Test func decayScalesTheTotal() async {
        await propertyCheck(count: 200, input: Gen.int(in: 1...30), Gen.int(in: 1...30), Gen.float(in: 0...1), Gen.float(in: 0...1)) { w, h, rate, decay in
            var field = ScalarField(size: GridSize(width: w, height: h))
            for i in field.values.indices { field.values[i] = Float((i * 37) % 101) }
            let before = field.values.reduce(0.0) { $0 + Double($1) }
            var scratch: [Float] = []
            Diffusion.step(&field, rate: rate, decay: decay, scratch: &scratch)
            let after = field.values.reduce(0.0) { $0 + Double($1) }
            #expect(abs(after - Double(decay) * before) <= 1e-5 * max(1, before))
        }
    }
}
