import CShims
import Synchronization

/// A BCP 47 language tag in ICU's canonical form (`EN-us`, `en_US` -> `en-US`; `zh_CN` -> `zh-CN`).
public struct LanguageTag: Hashable, Sendable, Codable, CustomStringConvertible, Comparable {
    /// The canonical tag, as stored and shown.
    public let canonical: String

    public init(_ raw: String) throws(LanguageTagError) {
        let trimmed = raw.trimmingASCIIWhitespace()
        guard !trimmed.isEmpty, trimmed.utf8.count < 100,
            trimmed.utf8.allSatisfy({ $0 < 0x80 && $0 != 0 })
        else { throw LanguageTagError(raw: raw) }
        guard
            let canonical = Self.canonicalForms.memoized(
                trimmed,
                { tag in
                    callICU { glossa_lang_canonical(tag, $0, $1) }.flatMap { $0 == "und" || $0.isEmpty ? nil : $0 }
                })
        else { throw LanguageTagError(raw: raw) }
        self.canonical = canonical
    }

    // Tags repeat endlessly (every stored segment has one): ask ICU once per distinct spelling.
    private static let canonicalForms = Memo()
    private static let fallbackGroups = Memo()

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        try self.init(raw)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(canonical)
    }

    public var description: String { canonical }

    public static func < (lhs: LanguageTag, rhs: LanguageTag) -> Bool { lhs.canonical < rhs.canonical }

    /// The primary language subtag (`en` for `en-GB`).
    public var language: String {
        String(canonical.split(separator: "-", maxSplits: 1)[0])
    }

    /// Language plus likely script (`en-US` -> `en-Latn`, `zh-TW` -> `zh-Hant`, `zh` -> `zh-Hans`):
    /// tags of one group are written alike, so a lookup may fall back between them.
    public var fallbackGroup: String {
        let language = language
        return Self.fallbackGroups.memoized(canonical) { canonical in
            guard let maximized = callICU({ glossa_lang_maximize(canonical, $0, $1) }) else { return language }
            let parts = maximized.split(separator: "-")
            if parts.count > 1, parts[1].count == 4 { return "\(parts[0])-\(parts[1])" }
            return language
        } ?? language
    }

    /// The tag and its truncations, most specific first: `zh-Hant-TW`, `zh-Hant`, `zh`.
    public var truncations: [String] {
        var parts = canonical.split(separator: "-").map(String.init)
        var chain: [String] = []
        while !parts.isEmpty {
            chain.append(parts.joined(separator: "-"))
            parts.removeLast()
            // A singleton (`x`, `u`) cannot end a tag.
            while let last = parts.last, last.count == 1 { parts.removeLast() }
        }
        return chain
    }
}

public struct LanguageTagError: Error, Sendable, Equatable, CustomStringConvertible {
    public let raw: String
    public var description: String { "'\(raw)' is not a valid BCP 47 language tag" }
}

/// A small thread-safe cache of ICU answers (a bounded number of distinct tags exist in practice).
private final class Memo: Sendable {
    private let values = Mutex<[String: String?]>([:])

    func memoized(_ key: String, _ compute: (String) -> String?) -> String? {
        if let known = values.withLock({ $0[key] }) { return known }
        let value = compute(key)
        values.withLock { cache in
            if cache.count > 10_000 { cache.removeAll() }
            cache[key] = value
        }
        return value
    }
}

/// Calls one of the shim's `(out, capacity) -> length` functions.
private func callICU(_ body: (UnsafeMutablePointer<CChar>, Int32) -> Int32) -> String? {
    withUnsafeTemporaryAllocation(of: CChar.self, capacity: 160) { buffer in
        let length = body(buffer.baseAddress!, Int32(buffer.count))
        guard length >= 0, length < buffer.count else { return nil }
        return String(cString: buffer.baseAddress!)
    }
}

extension String {
    func trimmingASCIIWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[start...end])
    }
}
