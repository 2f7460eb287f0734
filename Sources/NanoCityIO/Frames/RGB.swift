import Foundation

/// An 8-bit sRGB colour.
public struct RGB: Sendable, Equatable, Hashable {
    public var r: UInt8
    public var g: UInt8
    public var b: UInt8

    @inlinable public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) {
        self.r = r
        self.g = g
        self.b = b
    }

    public static let black = RGB(0, 0, 0)
    public static let white = RGB(255, 255, 255)

    /// `#rrggbb`, as SVG, CSS and the README write colours.
    public var hex: String {
        let digits = Array("0123456789abcdef")
        return "#" + String([r >> 4, r & 15, g >> 4, g & 15, b >> 4, b & 15].map { digits[Int($0)] })
    }

    /// CIE L*a*b* (D65 white), from sRGB by the IEC 61966-2-1 transfer function.
    public var lab: (l: Double, a: Double, b: Double) {
        func linear(_ u: UInt8) -> Double {
            let v = Double(u) / 255
            return v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4)
        }
        let (rl, gl, bl) = (linear(r), linear(g), linear(b))
        let x = (0.4124564 * rl + 0.3575761 * gl + 0.1804375 * bl) / 0.95047
        let y = 0.2126729 * rl + 0.7151522 * gl + 0.0721750 * bl
        let z = (0.0193339 * rl + 0.1191920 * gl + 0.9503041 * bl) / 1.08883
        func f(_ t: Double) -> Double { t > 216.0 / 24389 ? cbrt(t) : (24389.0 / 27 * t + 16) / 116 }
        let (fx, fy, fz) = (f(x), f(y), f(z))
        return (116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz))
    }

    /// CIE76 colour difference ΔE*ab (about 2.3 is just noticeable; above 20 reads as a
    /// different colour at a glance).
    public func deltaE(_ other: RGB) -> Double {
        let p = lab, q = other.lab
        return ((p.l - q.l) * (p.l - q.l) + (p.a - q.a) * (p.a - q.a) + (p.b - q.b) * (p.b - q.b)).squareRoot()
    }

    /// CIEDE2000 colour difference ΔE₀₀ (CIE 142-2001; the formulas and test data of Sharma,
    /// Wu & Dalal 2005), closer to what a reader sees than ΔE*ab, above all for dark colours
    /// and blues: about 1 is just noticeable, 10 clearly different.
    public func deltaE2000(_ other: RGB) -> Double { Self.ciede2000(lab, other.lab) }

    /// ΔE₀₀ between two CIE L*a*b* colours (kL = kC = kH = 1).
    public static func ciede2000(_ p: (l: Double, a: Double, b: Double), _ q: (l: Double, a: Double, b: Double)) -> Double {
        func rad(_ d: Double) -> Double { d * .pi / 180 }
        func deg(_ r: Double) -> Double { r * 180 / .pi }
        let c1 = (p.a * p.a + p.b * p.b).squareRoot(), c2 = (q.a * q.a + q.b * q.b).squareRoot()
        let cBar: Double = (c1 + c2) / 2
        let c7: Double = Foundation.pow(cBar, 7.0), k7: Double = 6_103_515_625  // 25⁷
        let g: Double = 0.5 * (1 - (c7 / (c7 + k7)).squareRoot())
        let a1: Double = (1 + g) * p.a, a2: Double = (1 + g) * q.a
        let c1p: Double = (a1 * a1 + p.b * p.b).squareRoot(), c2p: Double = (a2 * a2 + q.b * q.b).squareRoot()
        func hue(_ b: Double, _ a: Double) -> Double {
            if a == 0 && b == 0 { return 0 }
            let h: Double = deg(Foundation.atan2(b, a))
            return h < 0 ? h + 360 : h
        }
        let h1 = hue(p.b, a1), h2 = hue(q.b, a2)
        let dL: Double = q.l - p.l, dC: Double = c2p - c1p
        var dh: Double = 0
        if c1p * c2p != 0 {
            dh = h2 - h1
            if dh > 180 { dh -= 360 } else if dh < -180 { dh += 360 }
        }
        let dH: Double = 2 * (c1p * c2p).squareRoot() * Foundation.sin(rad(dh / 2))
        let lBar: Double = (p.l + q.l) / 2, cBarP: Double = (c1p + c2p) / 2
        var hBar: Double = h1 + h2
        if c1p * c2p != 0 {
            if abs(h1 - h2) <= 180 { hBar = (h1 + h2) / 2 } else if h1 + h2 < 360 { hBar = (h1 + h2 + 360) / 2 } else { hBar = (h1 + h2 - 360) / 2 }
        }
        let t1: Double = 0.17 * Foundation.cos(rad(hBar - 30)), t2: Double = 0.24 * Foundation.cos(rad(2 * hBar))
        let t3: Double = 0.32 * Foundation.cos(rad(3 * hBar + 6)), t4: Double = 0.20 * Foundation.cos(rad(4 * hBar - 63))
        let t: Double = 1 - t1 + t2 + t3 - t4
        let u: Double = (hBar - 275) / 25
        let dTheta: Double = 30 * Foundation.exp(-u * u)
        let cp7: Double = Foundation.pow(cBarP, 7.0)
        let rc: Double = 2 * (cp7 / (cp7 + k7)).squareRoot()
        let l50: Double = (lBar - 50) * (lBar - 50)
        let sl: Double = 1 + 0.015 * l50 / (20 + l50).squareRoot(), sc: Double = 1 + 0.045 * cBarP, sh: Double = 1 + 0.015 * cBarP * t
        let rt: Double = -Foundation.sin(rad(2 * dTheta)) * rc
        let x: Double = dL / sl, y: Double = dC / sc, z: Double = dH / sh
        return (x * x + y * y + z * z + rt * y * z).squareRoot()
    }

    /// This colour moved toward `other` by `t` in [0, 1].
    @inlinable public func mixed(with other: RGB, _ t: Float) -> RGB {
        func m(_ a: UInt8, _ b: UInt8) -> UInt8 { UInt8(Float(a) + (Float(b) - Float(a)) * t + 0.5) }
        return RGB(m(r, other.r), m(g, other.g), m(b, other.b))
    }
}
