import Foundation
import GlossaStore
import GlossaText
import Hummingbird

/// Typed access to a request's query string, as Hummingbird's `Parameters`: `require` a value or
/// `get` an optional one; every bad value is a 400 that names the parameter.
/// Decoded as HTML forms and curl's `--data-urlencode` encode it: `+` is a space, `%2B` a plus.
struct QueryParameters {
    private let values: [String: String?]
    /// Characters (code points, as JSON Schema counts them) of a query text: percent-encoded, each
    /// takes up to 12 bytes, and SwiftNIO's parser takes at most 80 KiB of request line and headers,
    /// so that any text within the limit fits in a URL.
    static let maxTextLength = 6_000

    init(_ request: Request) {
        var values: [String: String?] = [:]
        for pair in (request.uri.query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let key = Self.decode(parts[0]), values[key] == nil else { continue }
            values[key] = parts.count > 1 ? Self.decode(parts[1]) : ""
        }
        self.values = values
    }

    /// `+` as a space and `%XX` as a byte; nil when a `%` is not followed by two hex digits or the
    /// bytes are not UTF-8. Over the bytes: Foundation's decoding costs as much as a name search.
    static func decode(_ component: Substring) -> String? {
        percentDecode(component, plusIsSpace: true)
    }

    /// `%XX` as a byte, and `+` as a space when `plusIsSpace` (in a query string; in a path it is a plus).
    static func percentDecode(_ component: Substring, plusIsSpace: Bool) -> String? {
        guard component.utf8.contains(where: { $0 == UInt8(ascii: "%") || (plusIsSpace && $0 == UInt8(ascii: "+")) }) else {
            return String(component)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(component.utf8.count)
        var input = component.utf8.makeIterator()
        while let byte = input.next() {
            switch byte {
            case UInt8(ascii: "+") where plusIsSpace: bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = input.next().flatMap(hexValue), let low = input.next().flatMap(hexValue) else { return nil }
                bytes.append(high << 4 | low)
            default: bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// The names of the parameters given.
    var names: [String] { Array(values.keys) }

    /// The decoded value; nil when absent; a 400 when its percent-encoding is broken.
    private func raw(_ name: String) throws -> String? {
        guard let value = values[name] else { return nil }
        guard let value else { throw Problem.badRequest("query parameter '\(name)' is not valid percent-encoded UTF-8") }
        return value
    }

    /// A text; nil when absent or empty.
    func get(_ name: String) throws -> String? {
        guard let value = try raw(name), !value.isEmpty else { return nil }
        guard value.unicodeScalars.count <= Self.maxTextLength else {
            throw Problem.badRequest("query parameter '\(name)' is longer than \(Self.maxTextLength) characters")
        }
        return value
    }

    /// A text of at most `maxLength` characters; nil when absent or empty.
    func get(_ name: String, maxLength: Int) throws -> String? {
        guard let value = try get(name) else { return nil }
        guard value.unicodeScalars.count <= maxLength else {
            throw Problem.badRequest("query parameter '\(name)' is longer than \(maxLength) characters")
        }
        return value
    }

    /// A text that must be there.
    func require(_ name: String) throws -> String {
        guard let value = try get(name) else { throw Problem.badRequest("query parameter '\(name)' is required") }
        return value
    }

    func get(_ name: String, as: LanguageTag.Type) throws -> LanguageTag? {
        try get(name).map { try Self.language($0, field: "query parameter '\(name)'") }
    }

    func require(_ name: String, as: LanguageTag.Type) throws -> LanguageTag {
        try Self.language(require(name), field: "query parameter '\(name)'")
    }

    /// A comma-separated list of language tags (`to=en,ru,zh`); empty when absent.
    func get(_ name: String, as: [LanguageTag].Type) throws -> [LanguageTag] {
        guard let list = try get(name) else { return [] }
        return try list.split(separator: ",").map { try Self.language(String($0), field: "query parameter '\(name)'") }
    }

    /// A number within `bound`, its default when absent.
    func get(_ name: String, within bound: QueryBound) throws -> Int {
        guard let raw = try raw(name) else { return bound.defaultValue }
        return try Self.integer(Int(raw), field: "query parameter '\(name)'", raw: raw, range: bound.range)
    }

    /// `true`, `1` or nothing after the name; `false` or `0`; false when absent.
    func get(_ name: String, as: Bool.Type) throws -> Bool {
        switch try raw(name)?.lowercased() {
        case nil, "false", "0": false
        case "true", "1", "": true
        case let other?: throw Problem.badRequest("query parameter '\(name)' must be true or false, not '\(other)'")
        }
    }

    static func language(_ raw: String, field: String) throws -> LanguageTag {
        do { return try LanguageTag(raw) } catch {
            throw Problem.badRequest("\(field): \(error) (examples: en, en-US, ru, zh-CN, zh-Hant-TW)")
        }
    }

    static func integer(_ value: Int?, field: String, raw: String, range: ClosedRange<Int>) throws -> Int {
        guard let value, range.contains(value) else {
            throw Problem.badRequest("\(field) must be a whole number from \(range.lowerBound) to \(range.upperBound), not '\(raw)'")
        }
        return value
    }

    /// A number of a JSON body within `bound`, its default when absent.
    static func integer(_ value: Int?, field: String, within bound: QueryBound) throws -> Int {
        guard let value else { return bound.defaultValue }
        return try integer(value, field: field, raw: "\(value)", range: bound.range)
    }
}
