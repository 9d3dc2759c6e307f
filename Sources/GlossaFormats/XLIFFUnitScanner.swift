import GlossaModel

/// The source of a segment: its text and TMX markup as `XLIFFInlineCodes` converts them (what is
/// looked up, the same as an import of the file stores), and its codes as the file's own bytes
/// (what a target carries over).
public struct XLIFFSegmentContent: Sendable {
    public let converted: XLIFFInlineCodes.Content
    let content: InlineContent

    init(version: XLIFFVersion, tokens: ArraySlice<XMLToken>) {
        var codes = XLIFFInlineCodes(version: version)
        for token in tokens {
            switch token.kind {
            case .startTag, .emptyTag:
                codes.start(
                    String(token.localName), attributes: token.attributes.map { ($0.name, $0.value) }, isEmpty: token.kind == .emptyTag)
            case .endTag: codes.end(String(token.localName))
            case .text, .other: codes.text(token.text)
            }
        }
        converted = codes.content
        content = InlineContent(xliff: tokens)
    }

    /// The text without codes (the content of `<g>` and `<pc>` kept).
    public var text: String { converted.text }
    public var hasInlineCodes: Bool { !content.codes.isEmpty || content.hasUnknownElements }
}

/// One segment of a unit: a `<trans-unit>`'s source (XLIFF 1.2) or a `<segment>` (XLIFF 2).
public struct XLIFFUnitSegment: Sendable {
    /// The segment's `id` (XLIFF 2), nil when it has none.
    public let id: String?
    public let source: XLIFFSegmentContent
    /// The target's plain text; nil when there is no `<target>` element.
    public let targetText: String?
    /// XLIFF 2: the segment's `state`; XLIFF 1.2: the target's.
    public let state: String?

    /// A translation no tool may change: XLIFF 2 `state="final"` (XLIFF 1.2 says it on the unit,
    /// `XLIFFUnit.isApproved`).
    public var isFinal: Bool { segmentTag != nil && state == "final" }

    /// True when the target holds text (an empty `<target/>` is no translation).
    public var hasTarget: Bool { targetText.map { $0.unicodeScalars.contains { !$0.properties.isWhitespace } } ?? false }

    /// XLIFF 1.2 segmented by `<seg-source>`: the `mid` of its `<mrk mtype="seg">`; `target` is
    /// then the target's `<mrk>` of that `mid`.
    public let mid: String?

    /// Whether a target can be written: a segment of a `<seg-source>` needs its `<mrk>` in the
    /// `<target>` to write into.
    public var canFill: Bool { mid == nil || target != nil }

    /// Token indexes in the unit: `<segment>` (XLIFF 2), `</source>` (or `</seg-source>`), the
    /// target element (or the target's `<mrk>`), and the end of the unit's `<target>` (nil when
    /// it has none), after which candidates go.
    let segmentTag: Int?
    let sourceEnd: Int
    let target: ClosedRange<Int>?
    let unitTargetEnd: Int?
    /// The whitespace before `<source>`, which new siblings repeat.
    let indent: [UInt8]
}

/// A unit of an XLIFF file as its bytes spell it (`<trans-unit>` or `<unit>`), with its segments.
public struct XLIFFUnit: Sendable {
    public let version: XLIFFVersion
    public let id: String?
    public let sourceLanguage: String?
    public let targetLanguage: String?
    /// False for `translate="no"`, on the unit or inherited from its `<group>` or `<file>`.
    public let isTranslatable: Bool
    /// XLIFF 1.2 `approved="yes"`: its translation is signed off.
    public let isApproved: Bool
    /// XLIFF 1.2 units whose `<seg-source>` puts a `<mrk mtype="seg">` anywhere but directly in
    /// it (inside a `<g>`, say): their segments are left as they are.
    public let isSegmented: Bool
    public let segments: [XLIFFUnitSegment]

    let tokens: [XMLToken]
    /// The bytes between the previous unit (or the start of the file) and this one, written with it.
    var leading: [UInt8] = []
    /// The whitespace before the unit's first child.
    let childIndent: [UInt8]
    /// XLIFF 2: the end tag of the `<mtc:matches>` already in the unit, where new candidates go,
    /// and the prefix it is written with.
    let matchesEnd: (index: Int, prefix: String)?
    /// Whether the document root declares the prefix `mtc` for the matches namespace.
    let rootDeclaresMatches: Bool

    /// The prefix (with its colon) of the unit's own element name: XLIFF elements written into
    /// the unit use it.
    var prefix: String { tokens.first?.prefix.map { "\($0):" } ?? "" }
}

/// Reads an XLIFF file's bytes unit by unit and writes them back, each unit as given or rewritten,
/// everything between units exactly as read.
///
/// Run it only after `XLIFFCheck` has read the whole file (see `XMLByteScanner`).
public final class XLIFFUnitScanner {
    static let outputChunk = 1 << 16
    /// A unit larger than this is not a unit of translation, and it would be held in memory whole.
    public static let maxUnitBytes = 16 << 20

    public private(set) var version: XLIFFVersion = .v1
    private let scanner: XMLByteScanner
    private let output: ([UInt8]) throws -> Void
    private var pending: [UInt8] = []
    /// What follows the last unit, written by `finish()` after the units still waiting.
    private var trailing: [UInt8] = []
    private var rootPrefix: Substring?
    private var rootDeclaresMatches = false
    private var fileLanguages: (source: String?, target: String?) = (nil, nil)
    /// `translate` of the open `<file>`s and `<group>`s (nil where they say nothing): units inherit it.
    private var translateStack: [Bool?] = []
    private var unitName: Substring { version == .v1 ? "trans-unit" : "unit" }

    public init(path: String, output: @escaping ([UInt8]) throws -> Void) throws(FormatError) {
        scanner = try XMLByteScanner(path: path)
        self.output = output
    }

    /// The next unit, with the bytes before it (units wait for their lookups in batches, and
    /// the bytes between them must wait with them).
    public func nextUnit() throws -> XLIFFUnit? {
        var leading: [UInt8] = []
        while let token = scanner.next() {
            if token.isStart, token.localName == "xliff", rootPrefix == nil {
                readRoot(token)
            } else if token.localName == "file" || token.localName == "group", token.prefix == rootPrefix {
                if token.kind == .startTag { translateStack.append(token.attribute("translate").map { $0 != "no" }) }
                if token.kind == .endTag { _ = translateStack.popLast() }
                if token.isStart, version == .v1, token.localName == "file" {
                    fileLanguages = (token.attribute("source-language"), token.attribute("target-language"))
                }
            } else if token.isStart, token.localName == unitName, token.prefix == rootPrefix {
                var unit = try readUnit(from: token)
                unit.leading = leading
                return unit
            }
            leading += token.bytes
        }
        trailing += leading
        return nil
    }

    /// Writes a unit: as it was, or with `rewrite`'s changes.
    public func write(_ unit: XLIFFUnit, _ rewrite: XLIFFUnitRewrite? = nil) throws {
        try write(unit.leading)
        guard let rewrite, !rewrite.isEmpty else {
            for token in unit.tokens { try write(token.bytes) }
            return
        }
        try write(rewrite.render(unit))
    }

    /// Writes what is left after the last unit and flushes.
    public func finish() throws {
        try write(trailing)
        trailing = []
        while let token = scanner.next() { try write(token.bytes) }
        if !pending.isEmpty { try output(pending) }
        pending = []
    }

    private func write(_ bytes: [UInt8]) throws {
        pending += bytes
        if pending.count >= Self.outputChunk {
            try output(pending)
            pending = []
        }
    }

    private func readRoot(_ token: XMLToken) {
        rootPrefix = token.prefix
        let attributes = token.attributes
        let version = attributes.first { $0.name == "version" }?.value ?? ""
        let namespace = attributes.first { $0.name == (token.prefix.map { "xmlns:\($0)" } ?? "xmlns") }?.value ?? ""
        self.version = version.hasPrefix("2") || namespace.contains(":xliff:document:2") ? .v2 : .v1
        rootDeclaresMatches = attributes.contains { $0.name == "xmlns:mtc" && $0.value == XLIFFUnitRewrite.matchesNamespace }
        fileLanguages = (token.attribute("srcLang"), token.attribute("trgLang"))
    }

    private func readUnit(from start: XMLToken) throws -> XLIFFUnit {
        var tokens = [start]
        var size = start.bytes.count
        if start.kind == .startTag {
            var depth = 1
            while depth > 0, let token = scanner.next() {
                if token.name == start.name { depth += token.kind == .startTag ? 1 : token.kind == .endTag ? -1 : 0 }
                size += token.bytes.count
                guard size <= Self.maxUnitBytes else {
                    throw XLIFFError.unitTooLarge(id: start.attribute("id"), limit: Self.maxUnitBytes)
                }
                tokens.append(token)
            }
        }
        let inherited = translateStack.last { $0 != nil }.flatMap { $0 } ?? true
        return XLIFFUnitParser(
            version: version, tokens: tokens, languages: fileLanguages, inheritedTranslate: inherited,
            rootDeclaresMatches: rootDeclaresMatches
        ).unit()
    }
}

/// Why an XLIFF file cannot be pre-translated, beyond its XML.
public enum XLIFFError: Error, Sendable, Equatable, CustomStringConvertible {
    case unitTooLarge(id: String?, limit: Int)
    case missingLanguage(String)
    case invalidLanguage(String, reason: String)
    case notUTF8(encoding: String)

    public var description: String {
        switch self {
        case .unitTooLarge(let id, let limit):
            "the unit \(id.map { "'\($0)' " } ?? "")is larger than \(limit) bytes, more than any unit of translation; the file is refused whole"
        case .missingLanguage(let which):
            "the file does not say its \(which) language (XLIFF 1.2: <file \(which)-language=…>; XLIFF 2: srcLang/trgLang): give it with --\(which == "source" ? "from" : "to")"
        case .invalidLanguage(let tag, let reason): "the file's language '\(tag)' is not a language tag: \(reason)"
        case .notUTF8(let encoding):
            "the file is \(encoding); pre-translation rewrites UTF-8 files only, byte for byte: save it as UTF-8 first"
        }
    }
}

/// Finds a unit's segments among its tokens.
private struct XLIFFUnitParser {
    let version: XLIFFVersion
    let tokens: [XMLToken]
    let languages: (source: String?, target: String?)
    let inheritedTranslate: Bool
    let rootDeclaresMatches: Bool

    func unit() -> XLIFFUnit {
        let start = tokens[0]
        let children = self.children(of: 0, end: tokens.count - 1)
        var segments: [XLIFFUnitSegment] = []
        var matchesEnd: (index: Int, prefix: String)?
        var segmented = false
        switch version {
        case .v1:
            if let segSource = children.first(where: { tokens[$0.start].localName == "seg-source" }) {
                if let marked = markedSegments(children, segSource: segSource) { segments = marked } else { segmented = true }
            } else if let segment = segment(in: children, segmentTag: nil) {
                segments.append(segment)
            }
        case .v2:
            for child in children {
                let name = tokens[child.start].localName
                if name == "matches", let prefix = tokens[child.start].prefix, prefix != start.prefix, child.end > child.start {
                    matchesEnd = (child.end, String(prefix))
                }
                guard name == "segment", tokens[child.start].kind == .startTag else { continue }
                if let segment = segment(in: self.children(of: child.start, end: child.end), segmentTag: child.start) {
                    segments.append(segment)
                }
            }
        }
        let firstChild = children.first?.start ?? tokens.count - 1
        return XLIFFUnit(
            version: version, id: start.attribute("id"),
            sourceLanguage: languages.source, targetLanguage: languages.target,
            isTranslatable: start.attribute("translate").map { $0 != "no" } ?? inheritedTranslate,
            isApproved: start.attribute("approved") == "yes", isSegmented: segmented, segments: segments,
            tokens: tokens, childIndent: indent(before: firstChild), matchesEnd: matchesEnd, rootDeclaresMatches: rootDeclaresMatches)
    }

    private func segment(in children: [(start: Int, end: Int)], segmentTag: Int?) -> XLIFFUnitSegment? {
        guard let source = children.first(where: { tokens[$0.start].localName == "source" }) else { return nil }
        let target = children.first { tokens[$0.start].localName == "target" }
        let sourceContent = XLIFFSegmentContent(version: version, tokens: tokens[(source.start + 1)..<max(source.start + 1, source.end)])
        let targetText = target.map { XLIFFSegmentContent(version: version, tokens: tokens[($0.start + 1)..<max($0.start + 1, $0.end)]).text }
        let state = segmentTag.flatMap { tokens[$0].attribute("state") } ?? target.flatMap { tokens[$0.start].attribute("state") }
        return XLIFFUnitSegment(
            id: segmentTag.flatMap { tokens[$0].attribute("id") }, source: sourceContent,
            targetText: targetText, state: state, mid: nil, segmentTag: segmentTag,
            sourceEnd: source.end, target: target.map { $0.start...$0.end }, unitTargetEnd: target?.end, indent: indent(before: source.start))
    }

    /// The segments of a 1.2 unit with a `<seg-source>`: each `<mrk mtype="seg">` directly in it,
    /// with the target's `<mrk>` of the same `mid`; nil when a segment marker sits deeper.
    private func markedSegments(_ children: [(start: Int, end: Int)], segSource: (start: Int, end: Int)) -> [XLIFFUnitSegment]? {
        func isMarker(_ index: Int) -> Bool { tokens[index].isStart && tokens[index].localName == "mrk" && tokens[index].attribute("mtype") == "seg" }
        let markers = self.children(of: segSource.start, end: segSource.end).filter { isMarker($0.start) }
        guard markers.count == (segSource.start...segSource.end).filter(isMarker).count else { return nil }
        let target = children.first { tokens[$0.start].localName == "target" }
        var targetMarkers: [String: (start: Int, end: Int)] = [:]
        if let target {
            for marker in self.children(of: target.start, end: target.end) where isMarker(marker.start) {
                if let mid = tokens[marker.start].attribute("mid") { targetMarkers[mid] = marker }
            }
        }
        let source = children.first { tokens[$0.start].localName == "source" }
        return markers.map { marker in
            let mid = tokens[marker.start].attribute("mid")
            let targetMarker = mid.flatMap { targetMarkers[$0] }
            return XLIFFUnitSegment(
                id: nil, source: XLIFFSegmentContent(version: version, tokens: tokens[(marker.start + 1)..<max(marker.start + 1, marker.end)]),
                targetText: targetMarker.map {
                    XLIFFSegmentContent(version: version, tokens: tokens[($0.start + 1)..<max($0.start + 1, $0.end)]).text
                },
                state: target.flatMap { tokens[$0.start].attribute("state") }, mid: mid ?? "", segmentTag: nil, sourceEnd: segSource.end,
                target: targetMarker.map { $0.start...$0.end }, unitTargetEnd: target?.end,
                indent: indent(before: source?.start ?? segSource.start))
        }
    }

    /// The child elements of the element opened at `parent` and closed at `end`, as token ranges
    /// (an empty element starts and ends at the same token).
    private func children(of parent: Int, end: Int) -> [(start: Int, end: Int)] {
        var result: [(Int, Int)] = []
        var index = parent + 1
        while index < end {
            let token = tokens[index]
            if token.kind == .emptyTag {
                result.append((index, index))
            } else if token.kind == .startTag {
                var depth = 1
                var close = index + 1
                while close < end {
                    if tokens[close].kind == .startTag { depth += 1 }
                    if tokens[close].kind == .endTag {
                        depth -= 1
                        if depth == 0 { break }
                    }
                    close += 1
                }
                result.append((index, close))
                index = close
            }
            index += 1
        }
        return result
    }

    private func indent(before index: Int) -> [UInt8] {
        guard index > 0, tokens[index - 1].kind == .text else { return [] }
        let bytes = tokens[index - 1].bytes
        guard bytes.allSatisfy(XMLByteScanner.isSpace) else { return [] }
        return bytes
    }
}
