import CPNG
import Foundation

/// Errors from libpng, with its own message.
public struct PNGError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "\(path): \(message)" }
}

/// An 8-bit RGB image, read and written with libpng's simplified API (`png_image_*`), which
/// reports errors through its message buffer instead of longjmp.
public struct PNGImage: Sendable {
    public var width: Int
    public var height: Int
    /// Row-major RGB triples, `3 * width * height` bytes.
    public var pixels: [UInt8]

    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(pixels.count == 3 * width * height)
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    static func message(_ image: png_image) -> String {
        withUnsafeBytes(of: image.message) { raw in
            let bytes = raw.prefix { $0 != 0 }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    public init(_ canvas: Canvas) {
        self.init(width: canvas.width, height: canvas.height, pixels: canvas.pixels)
    }

    /// The image as PNG bytes, with `text` as tEXt chunks (keyword, value) after the header.
    /// `fast` trades size for speed (`PNG_IMAGE_FLAG_FAST`).
    public func encoded(fast: Bool = true, text: [(String, String)] = []) throws(PNGError) -> [UInt8] {
        var image = png_image()
        image.version = png_uint_32(PNG_IMAGE_VERSION)
        image.width = png_uint_32(width)
        image.height = png_uint_32(height)
        image.format = png_uint_32(PNG_FORMAT_RGB)
        image.flags = fast ? png_uint_32(PNG_IMAGE_FLAG_FAST) : 0
        // One pass into a buffer sized for the worst case (stored deflate blocks add a few
        // bytes per 16 KiB); if libpng still needs more it says how much, and we retry once.
        let raw = (3 * width + 1) * height
        var size = png_alloc_size_t(raw + raw / 64 + 4096)
        var bytes = [UInt8](repeating: 0, count: Int(size))
        func attempt() -> Int32 {
            bytes.withUnsafeMutableBytes { out in
                pixels.withUnsafeBytes { buf in
                    png_image_write_to_memory(&image, out.baseAddress, &size, 0, buf.baseAddress, png_int_32(3 * width), nil)
                }
            }
        }
        var ok = attempt()
        if ok == 0 && Int(size) > bytes.count {
            image.warning_or_error = 0
            bytes = [UInt8](repeating: 0, count: Int(size))
            ok = attempt()
        }
        guard ok != 0 else {
            let msg = Self.message(image)
            png_image_free(&image)
            throw PNGError(path: "", message: msg)
        }
        bytes.removeLast(bytes.count - Int(size))
        return PNGText.inserting(text, into: bytes)
    }

    /// Writes the image to `path` (atomically: a temporary file renamed into place, so a frame
    /// is never seen half-written), with `text` as tEXt chunks.
    public func write(path: String, fast: Bool = true, text: [(String, String)] = []) throws(PNGError) {
        let bytes: [UInt8]
        do throws(PNGError) { bytes = try encoded(fast: fast, text: text) } catch {
            throw PNGError(path: path, message: error.message)
        }
        do throws(OutputError) { try BufferedFile.writeAtomically(bytes, to: path) } catch {
            throw PNGError(path: path, message: error.message)
        }
    }

    /// Reads any PNG libpng understands, converted to 8-bit RGB (alpha composited on black).
    /// The header's size is checked before any pixel memory is allocated: at most `maxPixels`,
    /// and no more than the file's bytes can hold (deflate expands at most about 1,032-fold).
    public static func read(path: String, maxPixels: Int = 1 << 26) throws(PNGError) -> PNGImage {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw PNGError(path: path, message: "no such file or not readable")
        }
        // libpng opens the file itself and would wait forever on a FIFO: only regular files.
        var st = stat()
        guard stat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG else {
            throw PNGError(path: path, message: "is not a regular file (a FIFO, device or folder is not an image)")
        }
        var image = png_image()
        image.version = png_uint_32(PNG_IMAGE_VERSION)
        guard png_image_begin_read_from_file(&image, path) != 0 else {
            let msg = message(image)
            png_image_free(&image)
            throw PNGError(path: path, message: "not a readable PNG (\(msg))")
        }
        let w = Int(image.width), h = Int(image.height)
        guard w > 0, h > 0, w * h <= maxPixels else {
            png_image_free(&image)
            throw PNGError(path: path, message: "image is \(w)×\(h) = \(w * h) pixels; at most \(maxPixels)")
        }
        let fileBytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard fileBytes * 1100 >= w * h else {
            png_image_free(&image)
            throw PNGError(path: path, message: "claims \(w)×\(h) pixels but holds only \(fileBytes) bytes: damaged or crafted")
        }
        // libpng's simplified API takes 16-bit files as linear light and would gamma-encode them
        // into 8 bits (a stored 128·257 comes out as 186). Read them as they are stored and
        // scale each channel to 8 bits, so a 16-bit map in the legend's colours reads exactly.
        let sixteenBit = image.format & png_uint_32(PNG_FORMAT_FLAG_LINEAR) != 0
        var pixels = [UInt8](repeating: 0, count: 3 * w * h)
        var background = png_color(red: 0, green: 0, blue: 0)
        let ok: Int32
        if sixteenBit {
            image.format = png_uint_32(PNG_FORMAT_LINEAR_RGB)
            var wide = [UInt16](repeating: 0, count: 3 * w * h)
            ok = wide.withUnsafeMutableBytes { buf in
                png_image_finish_read(&image, nil, buf.baseAddress, png_int_32(3 * w), nil)
            }
            for i in pixels.indices { pixels[i] = UInt8((UInt32(wide[i]) * 255 + 32767) / 65535) }
        } else {
            image.format = png_uint_32(PNG_FORMAT_RGB)
            ok = pixels.withUnsafeMutableBytes { buf in
                png_image_finish_read(&image, &background, buf.baseAddress, png_int_32(3 * w), nil)
            }
        }
        guard ok != 0 else {
            let msg = message(image)
            png_image_free(&image)
            throw PNGError(path: path, message: "cannot decode (\(msg))")
        }
        return PNGImage(width: w, height: h, pixels: pixels)
    }
}
