/// An RGB pixel buffer with the few drawing operations frames need. Every operation clips to
/// the canvas, so callers may draw partly outside it.
public struct Canvas: Sendable {
    public let width: Int
    public let height: Int
    /// Row-major RGB triples, `3 * width * height` bytes.
    public var pixels: [UInt8]

    public init(width: Int, height: Int, background: RGB) {
        self.width = width
        self.height = height
        pixels = [UInt8](repeating: 0, count: 3 * width * height)
        fill(x: 0, y: 0, w: width, h: height, background)
    }

    public func pixel(x: Int, y: Int) -> RGB {
        let o = 3 * (y * width + x)
        return RGB(pixels[o], pixels[o + 1], pixels[o + 2])
    }

    /// Fills the rectangle with its top-left corner at (x, y).
    public mutating func fill(x: Int, y: Int, w: Int, h: Int, _ c: RGB) {
        let x0 = max(0, x), y0 = max(0, y), x1 = min(width, x + w), y1 = min(height, y + h)
        guard x0 < x1, y0 < y1 else { return }
        let width = self.width
        pixels.withUnsafeMutableBufferPointer { px in
            for row in y0..<y1 {
                var o = 3 * (row * width + x0)
                for _ in x0..<x1 { px[o] = c.r; px[o + 1] = c.g; px[o + 2] = c.b; o += 3 }
            }
        }
    }

    /// A one-pixel-wide rectangle outline (`t` pixels thick) inside the box.
    public mutating func outline(x: Int, y: Int, w: Int, h: Int, thickness t: Int = 1, _ c: RGB) {
        fill(x: x, y: y, w: w, h: t, c)
        fill(x: x, y: y + h - t, w: w, h: t, c)
        fill(x: x, y: y, w: t, h: h, c)
        fill(x: x + w - t, y: y, w: t, h: h, c)
    }

    /// The two diagonals of a square box.
    public mutating func cross(x: Int, y: Int, size: Int, _ c: RGB) {
        for i in 0..<size {
            fill(x: x + i, y: y + i, w: 1, h: 1, c)
            fill(x: x + size - 1 - i, y: y + i, w: 1, h: 1, c)
        }
    }

    /// Draws `text` with its top-left corner at (x, y), each font pixel `scale` × `scale`.
    public mutating func text(_ text: String, x: Int, y: Int, scale: Int, _ c: RGB) {
        var cx = x
        for ch in text {
            let rows = BitmapFont.rows(ch)
            for (r, bits) in rows.enumerated() where bits != 0 {
                for col in 0..<BitmapFont.glyphWidth where bits & (0x10 >> UInt8(col)) != 0 {
                    fill(x: cx + col * scale, y: y + r * scale, w: scale, h: scale, c)
                }
            }
            cx += BitmapFont.advance * scale
        }
    }
}
