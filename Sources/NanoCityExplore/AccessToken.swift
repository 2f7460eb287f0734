/// The secret every request and socket must carry (`?token=`), as Jupyter's: 43 characters
/// of `[A-Za-z0-9_-]`, 256 bits from the system's random source.
public struct AccessToken: Sendable, Equatable, CustomStringConvertible {
    public static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
    public static let length = 43

    public let value: String
    public var description: String { value }

    public init() {
        var g = SystemRandomNumberGenerator()
        // 64 symbols: 6 bits each, drawn uniformly.
        value = String(decoding: (0..<Self.length).map { _ in Self.alphabet[Int(g.next() & 63)] }, as: UTF8.self)
    }

    /// A given token (tests); must be at least 32 characters of the alphabet.
    public init?(_ text: String) {
        guard text.utf8.count >= 32, text.utf8.allSatisfy({ Self.alphabet.contains($0) }) else { return nil }
        value = text
    }

    /// Whether `candidate` is this token, in time that does not depend on where they differ.
    public func matches(_ candidate: Substring?) -> Bool {
        guard let candidate else { return false }
        let a = Array(value.utf8), b = Array(candidate.utf8)
        var diff = UInt8(a.count == b.count ? 0 : 1)
        for i in 0..<a.count { diff |= a[i] ^ (i < b.count ? b[i] : 0) }
        return diff == 0
    }
}
