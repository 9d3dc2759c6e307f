/// The name of a translation memory, as URLs, tokens and the CLI refer to it: a slug of lower-case
/// ASCII letters, digits, `.`, `_` and `-`, starting with a letter or digit, at most 63 characters
/// (it fits in a DNS label, a file name and a path segment without escaping).
public struct MemoryName: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let rawValue: String

    public static let maxLength = 63

    /// Nil unless `text` is a valid name as it is (no case folding or trimming: a name is compared byte for byte).
    public init?(_ text: String) {
        guard Self.isValid(text) else { return nil }
        rawValue = text
    }

    public var description: String { rawValue }

    /// `[a-z0-9][a-z0-9._-]{0,62}`.
    public static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, bytes.count <= maxLength, isAlphanumeric(first) else { return false }
        return bytes.dropFirst().allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
    }

    /// What a valid name looks like, for error messages.
    public static let rule = "lower-case letters a-z, digits, '.', '_' and '-', starting with a letter or digit, at most 63 characters"

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    public static func < (lhs: MemoryName, rhs: MemoryName) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let name = MemoryName(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "a memory name has \(Self.rule)"))
        }
        self = name
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
