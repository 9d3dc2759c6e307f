import Foundation

/// One piece of an XML document as its bytes spell it: a tag, a run of text, or anything else
/// (comment, CDATA section, processing instruction, declaration), with the bytes themselves.
public struct XMLToken: Sendable {
    public enum Kind: Sendable, Equatable {
        case startTag, endTag, emptyTag, text
        /// Comments, CDATA sections, processing instructions, the XML declaration, a doctype.
        case other
    }

    public let kind: Kind
    public let bytes: [UInt8]
    /// The qualified name of a tag; "" for the other kinds.
    public let name: String

    public var localName: Substring { name.split(separator: ":", maxSplits: 1).last ?? Substring(name) }
    public var prefix: Substring? { name.contains(":") ? name.split(separator: ":", maxSplits: 1).first : nil }
    public var isStart: Bool { kind == .startTag || kind == .emptyTag }

    /// The attributes of a start tag: names as written, values decoded, and where each value's bytes
    /// sit in `bytes` (between its quotes).
    public var attributes: [(name: String, value: String, range: Range<Int>)] {
        guard isStart else { return [] }
        var result: [(String, String, Range<Int>)] = []
        var index = 1 + name.utf8.count
        while index < bytes.count {
            while index < bytes.count, XMLByteScanner.isSpace(bytes[index]) { index += 1 }
            let nameStart = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "="), !XMLByteScanner.isSpace(bytes[index]),
                bytes[index] != UInt8(ascii: "/"), bytes[index] != UInt8(ascii: ">")
            {
                index += 1
            }
            guard index > nameStart else { break }
            let attributeName = String(decoding: bytes[nameStart..<index], as: UTF8.self)
            while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "'") { index += 1 }
            guard index < bytes.count else { break }
            let quote = bytes[index]
            let valueStart = index + 1
            var valueEnd = valueStart
            while valueEnd < bytes.count, bytes[valueEnd] != quote { valueEnd += 1 }
            result.append((attributeName, XMLByteScanner.decode(bytes[valueStart..<valueEnd]), valueStart..<valueEnd))
            index = valueEnd + 1
        }
        return result
    }

    public func attribute(_ name: String) -> String? { attributes.first { $0.name == name }?.value }

    /// The decoded text of a text token or a CDATA section; "" for the others.
    public var text: String {
        switch kind {
        case .text: return XMLByteScanner.decode(bytes[...])
        case .other where bytes.starts(with: XMLByteScanner.cdataOpen):
            return String(decoding: bytes.dropFirst(XMLByteScanner.cdataOpen.count).dropLast(XMLByteScanner.cdataClose.count), as: UTF8.self)
        default: return ""
        }
    }
}

/// Splits the bytes of an XML document into tokens, without parsing it: a tag ends at the first
/// `>` outside quotes, a comment at `-->`, a CDATA section at `]]>`, a processing instruction at
/// `?>`, a doctype at the `>` after its internal subset. It reads the file in chunks, so memory
/// stays flat whatever its size.
///
/// It checks nothing: run it only over a document `XMLStreamReader` has read whole without an
/// error (well-formed, UTF-8, no DTD entities). Writing every token's bytes in order gives back
/// the file byte for byte, which is what lets a rewrite change only what it means to.
public final class XMLByteScanner {
    static let chunkSize = 1 << 16
    static let cdataOpen = Array("<![CDATA[".utf8)
    static let cdataClose = Array("]]>".utf8)

    private let handle: FileHandle?
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false

    public init(path: String) throws(FormatError) {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .cannotOpen(path: path) }
        self.handle = handle
    }

    /// Over a fragment in memory (a segment's markup).
    public init(bytes: [UInt8]) {
        handle = nil
        buffer = bytes
        atEnd = true
    }

    deinit { try? handle?.close() }

    /// The next token, or nil at the end of the file.
    public func next() -> XMLToken? {
        guard ensure(1) else { return nil }
        if buffer[position] != UInt8(ascii: "<") {
            let end = find([UInt8(ascii: "<")], from: position) ?? buffer.count
            return take(end, kind: .text)
        }
        _ = ensure(Self.cdataOpen.count)
        let rest = buffer[position...]
        if rest.starts(with: Array("<!--".utf8)) { return take(endOf("-->"), kind: .other) }
        if rest.starts(with: Self.cdataOpen) { return take(endOf("]]>"), kind: .other) }
        if rest.starts(with: Array("<?".utf8)) { return take(endOf("?>"), kind: .other) }
        if rest.starts(with: Array("<!".utf8)) { return take(endOfTag(from: position + 2, nestsBrackets: true), kind: .other) }
        let end = endOfTag(from: position + 1)
        let isEnd = position + 1 < end && buffer[position + 1] == UInt8(ascii: "/")
        let isEmpty = !isEnd && end >= 2 && buffer[end - 2] == UInt8(ascii: "/")
        let nameStart = position + (isEnd ? 2 : 1)
        var nameEnd = nameStart
        while nameEnd < end, !Self.isSpace(buffer[nameEnd]), buffer[nameEnd] != UInt8(ascii: ">"), buffer[nameEnd] != UInt8(ascii: "/") {
            nameEnd += 1
        }
        let name = String(decoding: buffer[nameStart..<nameEnd], as: UTF8.self)
        return take(end, kind: isEnd ? .endTag : isEmpty ? .emptyTag : .startTag, name: name)
    }

    private func take(_ end: Int, kind: XMLToken.Kind, name: String = "") -> XMLToken {
        let token = XMLToken(kind: kind, bytes: Array(buffer[position..<end]), name: name)
        position = end
        return token
    }

    /// Makes at least `count` bytes from `position` available, unless the file ends first.
    private func ensure(_ count: Int) -> Bool {
        while buffer.count - position < count, !atEnd { fill() }
        return buffer.count - position >= count
    }

    private func fill() {
        if position > Self.chunkSize {
            buffer.removeFirst(position)
            position = 0
        }
        if let data = try? handle?.read(upToCount: Self.chunkSize), !data.isEmpty {
            buffer.append(contentsOf: data)
        } else {
            atEnd = true
        }
    }

    /// The index of the first `pattern` at or after `start`, reading on as needed. Indexes stay
    /// valid while it reads: the buffer is compacted only before `position`, which it does not move.
    private func find(_ pattern: [UInt8], from start: Int) -> Int? {
        var index = start
        while true {
            while index + pattern.count <= buffer.count {
                if buffer[index] == pattern[0], buffer[index..<index + pattern.count].elementsEqual(pattern) { return index }
                index += 1
            }
            if atEnd { return nil }
            let offset = position
            fill()
            index -= offset - position
        }
    }

    private func endOf(_ terminator: String) -> Int {
        let pattern = Array(terminator.utf8)
        return (find(pattern, from: position + 2).map { $0 + pattern.count }) ?? buffer.count
    }

    /// The end of a tag: the first `>` outside quotes and, in a doctype (`nestsBrackets`), outside
    /// its `[...]` internal subset.
    private func endOfTag(from start: Int, nestsBrackets: Bool = false) -> Int {
        var index = start
        var depth = 0
        var quote: UInt8?
        while true {
            while index < buffer.count {
                let byte = buffer[index]
                if let open = quote {
                    if byte == open { quote = nil }
                } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    quote = byte
                } else if nestsBrackets, byte == UInt8(ascii: "[") {
                    depth += 1
                } else if nestsBrackets, byte == UInt8(ascii: "]") {
                    depth -= 1
                } else if byte == UInt8(ascii: ">"), depth <= 0 {
                    return index + 1
                }
                index += 1
            }
            if atEnd { return buffer.count }
            let offset = position
            fill()
            index -= offset - position
        }
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// Text or an attribute value with its references replaced: the five predefined entities and
    /// character references, the only ones a document `XMLStreamReader` accepted can hold.
    static func decode(_ bytes: ArraySlice<UInt8>) -> String {
        let raw = String(decoding: bytes, as: UTF8.self)
        guard raw.contains("&") else { return raw }
        var out = ""
        var rest = raw[...]
        while let ampersand = rest.firstIndex(of: "&") {
            out += rest[..<ampersand]
            guard let semicolon = rest[ampersand...].firstIndex(of: ";") else { break }
            let name = rest[rest.index(after: ampersand)..<semicolon]
            switch name {
            case "lt": out += "<"
            case "gt": out += ">"
            case "amp": out += "&"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                let value: UInt32? =
                    name.hasPrefix("#x") ? UInt32(name.dropFirst(2), radix: 16) : name.hasPrefix("#") ? UInt32(name.dropFirst()) : nil
                if let value, let scalar = Unicode.Scalar(value) { out.unicodeScalars.append(scalar) } else { out += "&\(name);" }
            }
            rest = rest[rest.index(after: semicolon)...]
        }
        return out + rest
    }
}
