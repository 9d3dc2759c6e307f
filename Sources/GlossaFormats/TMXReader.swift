import GlossaModel
import GlossaText

/// What the `<header>` of a TMX file says.
public struct TMXHeader: Sendable {
    public var version: String?
    /// nil when the header says `*all*` (any language may serve as source) or names none.
    public var sourceLanguage: LanguageTag?
    public var metadata: Metadata
}

/// A `<tu>` that could not be imported, or a `<tuv>` left out of one, with the line and why.
public struct UnitIssue: Sendable, Hashable, Codable {
    public var line: Int
    public var tuid: String?
    public var reason: String

    public init(line: Int, tuid: String?, reason: String) {
        self.line = line
        self.tuid = tuid
        self.reason = reason
    }
}

/// Reads a TMX file (1.1 to 1.4b, as real tools write it) one unit at a time, without holding the
/// file in memory. Any encoding the XML declaration or a BOM names; gzip files transparently.
public final class TMXReader: UnitReader {
    public typealias Item = UnitReaderItem

    /// Longest segment kept, in UTF-8 bytes of its markup (text and inline codes): a sentence, or
    /// a paragraph, is a few hundred. A longer one is no translation unit, and lookups would have
    /// to tokenize and score it, so its `<tuv>` is left out with the reason.
    public static let maxSegmentBytes = 1 << 20

    public private(set) var header = TMXHeader(metadata: Metadata())
    /// `<tuv>` elements read so far, kept or not.
    public private(set) var variantsRead = 0
    private let xml: XMLStreamReader
    private var started = false
    private var sawBody = false

    public init(path: String) throws(FormatError) {
        xml = try XMLStreamReader(path: path)
    }

    /// Bytes read so far (of the decompressed stream for `.gz` files): for progress reports.
    public var bytesConsumed: Int { xml.bytesConsumed }

    /// The next unit, or nil at the end of the file.
    public func next() throws(FormatError) -> Item? {
        if !started {
            started = true
            try readRoot()
        }
        while let node = try xml.next() {
            guard case .startElement(let name, _, let attributes, let isEmpty) = node else { continue }
            switch name {
            case "header":
                try readHeader(attributes: attributes, isEmpty: isEmpty)
            case "tu":
                return try readUnit(attributes: attributes, isEmpty: isEmpty)
            case "body":
                sawBody = true
            default:
                continue  // anything a tool added
            }
        }
        if !sawBody { throw .missingElement("body") }
        return nil
    }

    private func readRoot() throws(FormatError) {
        guard let node = try xml.next() else { throw .emptyFile }
        guard case .startElement(let name, _, let attributes, _) = node else { throw .emptyFile }
        guard name == "tmx" else { throw .wrongRoot(found: name, expected: "tmx") }
        header.version = attributes.first { $0.name == "version" }?.value
    }

    private func readHeader(attributes: [(name: String, value: String)], isEmpty: Bool) throws(FormatError) {
        header.sourceLanguage = Self.sourceLanguage(attributes.first { $0.name == "srclang" }?.value)
        header.metadata.attributes = Self.attributeMap(attributes, excluding: [])
        if isEmpty { return }
        while let node = try xml.next() {
            switch node {
            case .startElement("prop", _, let attributes, let isEmpty):
                header.metadata.properties.append(try readProperty(attributes, isEmpty: isEmpty))
            case .startElement("note", _, _, let isEmpty):
                header.metadata.notes.append(isEmpty ? "" : try xml.text(until: "note"))
            case .endElement("header"):
                return
            default:
                continue
            }
        }
    }

    private func readUnit(attributes: [(name: String, value: String)], isEmpty: Bool) throws(FormatError) -> Item {
        let line = xml.line
        let tuid = attributes.first { $0.name == "tuid" || $0.name == "id" }?.value
        var unit = TranslationUnit(
            tuid: tuid,
            sourceLanguage: header.sourceLanguage,
            segments: [],
            metadata: Metadata(attributes: Self.attributeMap(attributes, excluding: ["tuid", "srclang"])),
            line: line
        )
        if let srclang = attributes.first(where: { $0.name == "srclang" })?.value {
            unit.sourceLanguage = Self.sourceLanguage(srclang)
        }
        var skipped: [UnitIssue] = []
        if !isEmpty {
            loop: while let node = try xml.next() {
                switch node {
                case .startElement("tuv", _, let attributes, let isEmpty):
                    variantsRead += 1
                    switch try readVariant(attributes, isEmpty: isEmpty) {
                    case .success(let segment): unit.segments.append(segment)
                    case .failure(let issue): skipped.append(UnitIssue(line: issue.line, tuid: tuid, reason: issue.reason))
                    }
                case .startElement("prop", _, let attributes, let isEmpty):
                    unit.metadata.properties.append(try readProperty(attributes, isEmpty: isEmpty))
                case .startElement("note", _, _, let isEmpty):
                    unit.metadata.notes.append(isEmpty ? "" : try xml.text(until: "note"))
                case .endElement("tu"):
                    break loop
                default:
                    continue
                }
            }
        }
        let languages = Set(unit.segments.map(\.language))
        guard languages.count >= 2 else {
            var reason =
                languages.isEmpty
                ? "no segment with text"
                : "text in one language only (\(languages.first!.canonical)): nothing to translate to"
            if !skipped.isEmpty { reason += "; " + skipped.map(\.reason).joined(separator: "; ") }
            return .rejected(UnitIssue(line: line, tuid: tuid, reason: reason))
        }
        return .unit(unit, skipped: skipped)
    }

    private struct VariantIssue: Error {
        let line: Int
        let reason: String
    }

    private func readVariant(_ attributes: [(name: String, value: String)], isEmpty: Bool) throws(FormatError) -> Result<Segment, VariantIssue> {
        let line = xml.line
        // TMX 1.4 writes xml:lang; TMX 1.1 and 1.2 wrote lang.
        let rawLanguage = attributes.first { $0.name == "xml:lang" }?.value ?? attributes.first { $0.name == "lang" }?.value
        var metadata = Metadata(attributes: Self.attributeMap(attributes, excluding: ["xml:lang", "lang"]))
        var content: (text: String, markup: String)?
        if !isEmpty {
            loop: while let node = try xml.next() {
                switch node {
                case .startElement("seg", _, _, let isEmpty):
                    let read = isEmpty ? ("", "") : try readSegment()
                    content = content.map { ($0.text + read.0, $0.markup + read.1) } ?? read
                case .startElement("prop", _, let attributes, let isEmpty):
                    metadata.properties.append(try readProperty(attributes, isEmpty: isEmpty))
                case .startElement("note", _, _, let isEmpty):
                    metadata.notes.append(isEmpty ? "" : try xml.text(until: "note"))
                case .endElement("tuv"):
                    break loop
                default:
                    continue
                }
            }
        }
        guard let rawLanguage, !rawLanguage.isEmpty else {
            return .failure(VariantIssue(line: line, reason: "<tuv> at line \(line) has no xml:lang"))
        }
        let language: LanguageTag
        do { language = try LanguageTag(rawLanguage) } catch {
            return .failure(VariantIssue(line: line, reason: "<tuv> at line \(line): \(error)"))
        }
        guard let content else {
            return .failure(VariantIssue(line: line, reason: "<tuv xml:lang=\"\(rawLanguage)\"> at line \(line) has no <seg>"))
        }
        guard content.markup.utf8.count <= Self.maxSegmentBytes else {
            return .failure(
                VariantIssue(
                    line: line,
                    reason: "<tuv xml:lang=\"\(rawLanguage)\"> at line \(line) has a segment of "
                        + "\(content.markup.utf8.count) bytes; at most \(Self.maxSegmentBytes) are kept"))
        }
        guard content.text.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) else {
            return .failure(VariantIssue(line: line, reason: "<tuv xml:lang=\"\(rawLanguage)\"> at line \(line) has no text outside inline codes"))
        }
        return .success(Segment(language: language, text: content.text, markup: content.markup, metadata: metadata))
    }

    /// Inline elements whose content is native code, not text to translate.
    private static let codeElements: Set<String> = ["bpt", "ept", "ph", "it", "ut"]

    /// Reads a `<seg>`: its plain text (codes left out, `<hi>` text kept, whitespace as written)
    /// and its content re-serialized as markup for export.
    private func readSegment() throws(FormatError) -> (String, String) {
        var text = ""
        var markup = ""
        var open: [String] = []
        var codeDepth = 0
        while let node = try xml.next() {
            switch node {
            case .startElement(let name, let qualifiedName, let attributes, let isEmpty):
                markup += "<" + qualifiedName
                for attribute in attributes {
                    markup += " \(attribute.name)=\"\(XMLEscaping.escapeAttribute(attribute.value))\""
                }
                markup += isEmpty ? "/>" : ">"
                if !isEmpty {
                    open.append(qualifiedName)
                    if Self.codeElements.contains(name) { codeDepth += 1 }
                }
            case .endElement(let name):
                guard let qualifiedName = open.popLast() else { return (text, markup) }  // </seg>
                markup += "</\(qualifiedName)>"
                if Self.codeElements.contains(name) { codeDepth -= 1 }
            case .text(let value):
                markup += XMLEscaping.escapeText(value)
                if codeDepth == 0 { text += value }
            }
        }
        return (text, markup)
    }

    private func readProperty(_ attributes: [(name: String, value: String)], isEmpty: Bool) throws(FormatError) -> Property {
        // `type` is the standard attribute; some tools write `name`.
        let type = attributes.first { $0.name == "type" }?.value ?? attributes.first { $0.name == "name" }?.value ?? ""
        return Property(type: type, value: isEmpty ? "" : try xml.text(until: "prop"))
    }

    private static func sourceLanguage(_ raw: String?) -> LanguageTag? {
        guard let raw, raw != "*all*", raw.lowercased() != "all" else { return nil }
        return try? LanguageTag(raw)
    }

    private static func attributeMap(_ attributes: [(name: String, value: String)], excluding: Set<String>) -> [String: String] {
        var map: [String: String] = [:]
        for attribute in attributes where !excluding.contains(attribute.name) && !attribute.name.hasPrefix("xmlns") {
            map[attribute.name] = attribute.value
        }
        return map
    }
}
