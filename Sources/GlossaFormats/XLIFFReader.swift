import GlossaModel
import GlossaText

/// Reads an XLIFF file (1.2, with the SDL Trados `.sdlxliff` and memoQ `.mqxliff` variants, and
/// 2.0/2.1/2.2) one segment at a time, without holding it in memory and without loading a DTD or
/// an external entity.
///
/// What it yields:
/// - `nextSegment()`: every segment, translated or not, with its source and target converted by
///   `XLIFFInlineCodes` (plain text, TMX markup, the codes with their XLIFF ids), its languages,
///   its state and where the state came from (`state`, `approved`, SDL `conf`, memoQ `mq:status`).
///   A 1.2 unit with a `<seg-source>` gives one segment per `<mrk mtype="seg">`; XLIFF 2 gives
///   one per `<segment>` (`<ignorable>` gives none). `<alt-trans>`, XLIFF 2 matches and other
///   namespaces' elements are skipped.
/// - `next()` (`UnitReader`, for imports): a two-language unit for each finished translation
///   (`XLIFFSegment.reasonNotImported` is nil) and `.rejected` with the reason for every other
///   segment, the unit's id as `tuid`. The state and the file's `original` are kept as unit
///   properties `x-xliff-state` and `x-xliff-original`, so a TMX export carries them.
///
/// Languages come from the file (`source-language`/`target-language` of each 1.2 `<file>`, or
/// `srcLang`/`trgLang` of the XLIFF 2 root); an `xml:lang` on a `<target>` names its own. They
/// are not overridable: a file that names no target language has its segments rejected with
/// that reason.
public final class XLIFFReader: UnitReader {
    public static let rootElement = "xliff"
    /// XLIFF 2's namespace, without its minor version: a root without `version` is told by it.
    static let namespace2 = "urn:oasis:names:tc:xliff:document:2"
    /// Property types the import keeps with each unit.
    public static let stateProperty = "x-xliff-state"
    public static let originalProperty = "x-xliff-original"

    public private(set) var version: XLIFFVersion = .v1
    /// Segments' sources and targets read so far, kept or not.
    public private(set) var variantsRead = 0
    private let xml: XMLStreamReader
    private var started = false
    private var sawFile = false
    /// The root's namespace prefix ("" for the default namespace): units of other namespaces are
    /// not XLIFF's.
    private var prefix = ""
    private var file = FileContext()
    private var pending: [XLIFFSegment] = []
    /// `translate` of the open files and groups, innermost last.
    private var translatable: [Bool] = []

    private struct FileContext {
        var original: String?
        var sourceLanguage: LanguageTag?
        var targetLanguage: LanguageTag?
        /// As written, for the reason given when it is no language tag.
        var rawSourceLanguage: String?
        var rawTargetLanguage: String?
    }

    public init(path: String) throws(FormatError) {
        xml = try XMLStreamReader(path: path)
    }

    public var bytesConsumed: Int { xml.bytesConsumed }

    /// The next unit to import, or the reason a segment is not one; nil at the end of the file.
    public func next() throws(FormatError) -> UnitReaderItem? {
        guard let segment = try nextSegment() else { return nil }
        if let reason = segment.reasonNotImported {
            return .rejected(UnitIssue(line: segment.line, tuid: segment.tuid, reason: reason))
        }
        guard let sourceLanguage = segment.sourceLanguage else {
            return .rejected(UnitIssue(line: segment.line, tuid: segment.tuid, reason: Self.noLanguage("source", file.rawSourceLanguage)))
        }
        guard let targetLanguage = segment.targetLanguage, let target = segment.target else {
            return .rejected(UnitIssue(line: segment.line, tuid: segment.tuid, reason: Self.noLanguage("target", file.rawTargetLanguage)))
        }
        guard sourceLanguage != targetLanguage else {
            return .rejected(
                UnitIssue(
                    line: segment.line, tuid: segment.tuid,
                    reason: "source and target are both \(sourceLanguage.canonical): nothing to translate to"))
        }
        for (content, language) in [(segment.source, sourceLanguage), (target, targetLanguage)]
        where content.markup.utf8.count > TMXReader.maxSegmentBytes {
            return .rejected(
                UnitIssue(
                    line: segment.line, tuid: segment.tuid,
                    reason: "the \(language.canonical) text has \(content.markup.utf8.count) bytes; at most \(TMXReader.maxSegmentBytes) are kept"))
        }
        guard segment.source.hasText else {
            return .rejected(UnitIssue(line: segment.line, tuid: segment.tuid, reason: "the source has no text outside inline codes"))
        }
        var metadata = Metadata(notes: segment.notes)
        if let state = segment.state { metadata.properties.append(Property(type: Self.stateProperty, value: state)) }
        if let original = segment.original { metadata.properties.append(Property(type: Self.originalProperty, value: original)) }
        let unit = TranslationUnit(
            tuid: segment.tuid,
            sourceLanguage: sourceLanguage,
            segments: [
                Segment(language: sourceLanguage, text: segment.source.text, markup: segment.source.markup),
                Segment(language: targetLanguage, text: target.text, markup: target.markup),
            ],
            metadata: metadata,
            line: segment.line
        )
        return .unit(unit, skipped: [])
    }

    /// The next segment, translated or not; nil at the end of the file.
    public func nextSegment() throws(FormatError) -> XLIFFSegment? {
        if !started {
            started = true
            try readRoot()
        }
        while pending.isEmpty {
            guard let node = try xml.next() else {
                if !sawFile { throw .missingElement("file") }
                return nil
            }
            switch node {
            case .startElement(let name, let qualifiedName, let attributes, let isEmpty) where Self.prefix(of: qualifiedName) == prefix:
                try start(name, attributes: attributes, isEmpty: isEmpty)
            case .startElement("file", _, _, false), .startElement("group", _, _, false):
                translatable.append(translatable.last ?? true)  // another namespace's, closed by the same end
            case .endElement("file"), .endElement("group"):
                _ = translatable.popLast()
            default:
                continue
            }
        }
        return pending.popLast()
    }

    private func start(_ name: String, attributes: [(name: String, value: String)], isEmpty: Bool) throws(FormatError) {
        switch (version, name) {
        case (_, "file"), (_, "group"):
            if name == "file" {
                sawFile = true
                try readFile(attributes)
            }
            if !isEmpty { translatable.append(isTranslatable(attributes)) }
        case (.v1, "header"), (.v2, "skeleton"), (.v2, "notes"):
            // Tool data (SDL's tag definitions hold `bpt`s), never units.
            if !isEmpty { try skip(name) }
        case (.v1, "trans-unit"):
            pending = try readUnit1(attributes, isEmpty: isEmpty).reversed()
        case (.v2, "unit"):
            pending = try readUnit2(attributes, isEmpty: isEmpty).reversed()
        default:
            return  // what tools add
        }
    }

    /// `translate` of a file, group or unit, else its parent's.
    private func isTranslatable(_ attributes: [(name: String, value: String)]) -> Bool {
        switch XLIFFInlineCodes.attribute("translate", in: attributes) {
        case "no": false
        case "yes": true
        default: translatable.last ?? true
        }
    }

    private func readRoot() throws(FormatError) {
        guard let node = try xml.next() else { throw .emptyFile }
        guard case .startElement(let name, let qualifiedName, let attributes, _) = node else { throw .emptyFile }
        guard name == Self.rootElement else { throw .wrongRoot(found: name, expected: Self.rootElement) }
        prefix = Self.prefix(of: qualifiedName)
        let declared = XLIFFInlineCodes.attribute("version", in: attributes) ?? ""
        let namespaces = attributes.filter { $0.name == "xmlns" || $0.name.hasPrefix("xmlns:") }.map(\.value)
        version = declared.hasPrefix("2") || namespaces.contains { $0.hasPrefix(Self.namespace2) } ? .v2 : .v1
        if version == .v2 {
            file.rawSourceLanguage = XLIFFInlineCodes.attribute("srcLang", in: attributes)
            file.sourceLanguage = Self.language(file.rawSourceLanguage)
            file.rawTargetLanguage = XLIFFInlineCodes.attribute("trgLang", in: attributes)
            file.targetLanguage = Self.language(file.rawTargetLanguage)
        }
    }

    private func readFile(_ attributes: [(name: String, value: String)]) throws(FormatError) {
        file.original = XLIFFInlineCodes.attribute("original", in: attributes)
        guard version == .v1 else { return }
        file.rawSourceLanguage = XLIFFInlineCodes.attribute("source-language", in: attributes)
        file.sourceLanguage = Self.language(file.rawSourceLanguage)
        file.rawTargetLanguage = XLIFFInlineCodes.attribute("target-language", in: attributes)
        file.targetLanguage = Self.language(file.rawTargetLanguage)
    }

    // MARK: XLIFF 1.2

    /// A `<source>`, `<seg-source>` or `<target>` read whole and by `<mrk mtype="seg">`.
    private struct Inline {
        var whole: XLIFFInlineCodes.Content
        var segments: [(mid: String, content: XLIFFInlineCodes.Content)]
        var attributes: [(name: String, value: String)]
    }

    private func readUnit1(_ attributes: [(name: String, value: String)], isEmpty: Bool) throws(FormatError) -> [XLIFFSegment] {
        let line = xml.line
        let id = XLIFFInlineCodes.attribute("id", in: attributes)
        var source: Inline?
        var segSource: Inline?
        var target: Inline?
        var notes: [String] = []
        var sdlLevels: [String: String?] = [:]
        if !isEmpty {
            loop: while let node = try xml.next() {
                switch node {
                case .startElement(let name, let qualifiedName, let attributes, let isEmpty):
                    let ours = Self.prefix(of: qualifiedName) == prefix
                    switch name {
                    case "source" where ours: source = try readInline1(attributes, isEmpty: isEmpty)
                    case "seg-source" where ours: segSource = try readInline1(attributes, isEmpty: isEmpty)
                    case "target" where ours: target = try readInline1(attributes, isEmpty: isEmpty)
                    case "note" where ours: notes.append(isEmpty ? "" : try xml.text(until: "note"))
                    case "seg-defs" where !ours: if !isEmpty { sdlLevels = try readSDLLevels() }
                    default: if !isEmpty { try skip(name) }  // alt-trans, context groups, tools' history
                    }
                case .endElement("trans-unit"):
                    break loop
                default:
                    continue
                }
            }
        }
        let translatable = isTranslatable(attributes)
        let targetLanguage =
            target.flatMap { XLIFFInlineCodes.attribute("xml:lang", in: $0.attributes) }.flatMap { Self.language($0) } ?? file.targetLanguage
        let memoQStatus = attributes.first { $0.name.hasSuffix(":status") }?.value
        let approved = XLIFFInlineCodes.attribute("approved", in: attributes) == "yes"
        var segment = XLIFFSegment(
            unitId: id, segmentId: nil, segmentsInUnit: 1, version: .v1,
            sourceLanguage: file.sourceLanguage, targetLanguage: targetLanguage,
            source: source?.whole ?? XLIFFInlineCodes.Content(text: "", markup: "", codes: []),
            target: target?.whole, state: nil, stateOrigin: .none, stateQualifier: nil,
            translatable: translatable, original: file.original, notes: notes, line: line)
        if let target {
            segment.stateQualifier = XLIFFInlineCodes.attribute("state-qualifier", in: target.attributes)
            if let state = XLIFFInlineCodes.attribute("state", in: target.attributes) {
                (segment.state, segment.stateOrigin) = (state, .xliff)
            }
        }
        if approved { (segment.state, segment.stateOrigin) = ("approved", .approved) }
        if let memoQStatus { (segment.state, segment.stateOrigin) = (memoQStatus, .memoQ) }
        guard let segmented = segSource?.segments, !segmented.isEmpty else {
            variantsRead += target == nil ? 1 : 2
            return [segment]
        }
        var targets = Dictionary((target?.segments ?? []).map { ($0.mid, $0.content) }, uniquingKeysWith: { first, _ in first })
        // A tool that keeps one segment per unit may write its target without the `mrk`.
        if segmented.count == 1, targets.isEmpty, let whole = target?.whole { targets[segmented[0].mid] = whole }
        return segmented.map { mid, content in
            var part = segment
            part.segmentId = mid
            part.segmentsInUnit = segmented.count
            part.source = content
            part.target = targets[mid]
            if let level = sdlLevels[mid] { (part.state, part.stateOrigin) = (level, .sdl) }
            variantsRead += part.target == nil ? 1 : 2
            return part
        }
    }

    /// Reads inline content up to the end of `element`, whole and split at `<mrk mtype="seg">`.
    private func readInline1(_ attributes: [(name: String, value: String)], isEmpty: Bool) throws(FormatError) -> Inline {
        var whole = XLIFFInlineCodes(version: .v1)
        var segments: [(mid: String, content: XLIFFInlineCodes.Content)] = []
        var current: (mid: String, codes: XLIFFInlineCodes, depth: Int)?
        var depth = 0
        if !isEmpty {
            loop: while let node = try xml.next() {
                switch node {
                case .startElement(let name, _, let attributes, let isEmpty):
                    whole.start(name, attributes: attributes, isEmpty: isEmpty)
                    if current == nil, name == "mrk", XLIFFInlineCodes.attribute("mtype", in: attributes) == "seg" {
                        let mid = XLIFFInlineCodes.attribute("mid", in: attributes) ?? String(segments.count + 1)
                        if isEmpty {
                            segments.append((mid, XLIFFInlineCodes(version: .v1).content))
                        } else {
                            depth += 1
                            current = (mid, XLIFFInlineCodes(version: .v1), depth)
                        }
                        continue
                    }
                    current?.codes.start(name, attributes: attributes, isEmpty: isEmpty)
                    if !isEmpty { depth += 1 }
                case .endElement(let name):
                    if depth == 0 { break loop }  // the element's own end
                    whole.end(name)
                    if let open = current, open.depth == depth {
                        segments.append((open.mid, open.codes.content))
                        current = nil
                    } else {
                        current?.codes.end(name)
                    }
                    depth -= 1
                case .text(let value):
                    whole.text(value)
                    current?.codes.text(value)
                }
            }
        }
        return Inline(whole: whole.content, segments: segments, attributes: attributes)
    }

    /// SDL Trados' `<sdl:seg id conf>` list: the confirmation level of each segment by `mid`.
    private func readSDLLevels() throws(FormatError) -> [String: String?] {
        var levels: [String: String?] = [:]
        while let node = try xml.next() {
            switch node {
            case .startElement("seg", _, let attributes, _):
                if let id = XLIFFInlineCodes.attribute("id", in: attributes) {
                    levels[id] = .some(XLIFFInlineCodes.attribute("conf", in: attributes))
                }
            case .endElement("seg-defs"):
                return levels
            default:
                continue
            }
        }
        return levels
    }

    // MARK: XLIFF 2

    private func readUnit2(_ attributes: [(name: String, value: String)], isEmpty: Bool) throws(FormatError) -> [XLIFFSegment] {
        let line = xml.line
        let id = XLIFFInlineCodes.attribute("id", in: attributes)
        let translatable = isTranslatable(attributes)
        var originalData: [String: String] = [:]
        var notes: [String] = []
        var segments: [XLIFFSegment] = []
        if !isEmpty {
            loop: while let node = try xml.next() {
                switch node {
                case .startElement(let name, let qualifiedName, let attributes, let isEmpty):
                    let ours = Self.prefix(of: qualifiedName) == prefix
                    switch name {
                    case "originalData" where ours: if !isEmpty { originalData = try readOriginalData() }
                    case "notes" where ours: if !isEmpty { notes += try readNotes2() }
                    case "segment" where ours:
                        var segment = XLIFFSegment(
                            unitId: id, segmentId: XLIFFInlineCodes.attribute("id", in: attributes), segmentsInUnit: 1, version: .v2,
                            sourceLanguage: file.sourceLanguage, targetLanguage: file.targetLanguage,
                            source: XLIFFInlineCodes.Content(text: "", markup: "", codes: []), target: nil,
                            state: XLIFFInlineCodes.attribute("state", in: attributes), stateOrigin: .xliff,
                            stateQualifier: XLIFFInlineCodes.attribute("subState", in: attributes),
                            translatable: translatable, original: file.original, notes: [], line: line)
                        if !isEmpty { try readSegment2(into: &segment, originalData: originalData) }
                        variantsRead += segment.target == nil ? 1 : 2
                        segments.append(segment)
                    default: if !isEmpty { try skip(name) }  // ignorable, matches, metadata
                    }
                case .endElement("unit"):
                    break loop
                default:
                    continue
                }
            }
        }
        return segments.map { segment in
            var segment = segment
            segment.segmentsInUnit = segments.count
            segment.notes = notes
            return segment
        }
    }

    private func readSegment2(into segment: inout XLIFFSegment, originalData: [String: String]) throws(FormatError) {
        while let node = try xml.next() {
            switch node {
            case .startElement("source", _, _, let isEmpty):
                segment.source = isEmpty ? XLIFFInlineCodes(version: .v2).content : try readInline2(originalData)
            case .startElement("target", _, let attributes, let isEmpty):
                segment.target = isEmpty ? XLIFFInlineCodes(version: .v2).content : try readInline2(originalData)
                if let language = XLIFFInlineCodes.attribute("xml:lang", in: attributes).flatMap({ Self.language($0) }) {
                    segment.targetLanguage = language
                }
            case .startElement(let name, _, _, let isEmpty):
                if !isEmpty { try skip(name) }
            case .endElement("segment"):
                return
            default:
                continue
            }
        }
    }

    private func readInline2(_ originalData: [String: String]) throws(FormatError) -> XLIFFInlineCodes.Content {
        var codes = XLIFFInlineCodes(version: .v2, originalData: originalData)
        var depth = 0
        while let node = try xml.next() {
            switch node {
            case .startElement(let name, _, let attributes, let isEmpty):
                codes.start(name, attributes: attributes, isEmpty: isEmpty)
                if !isEmpty { depth += 1 }
            case .endElement(let name):
                if depth == 0 { return codes.content }
                codes.end(name)
                depth -= 1
            case .text(let value):
                codes.text(value)
            }
        }
        return codes.content
    }

    private func readOriginalData() throws(FormatError) -> [String: String] {
        var data: [String: String] = [:]
        while let node = try xml.next() {
            switch node {
            case .startElement("data", _, let attributes, let isEmpty):
                let text = isEmpty ? "" : try xml.text(until: "data")
                if let id = XLIFFInlineCodes.attribute("id", in: attributes) { data[id] = text }
            case .endElement("originalData"):
                return data
            default:
                continue
            }
        }
        return data
    }

    private func readNotes2() throws(FormatError) -> [String] {
        var notes: [String] = []
        while let node = try xml.next() {
            switch node {
            case .startElement("note", _, _, let isEmpty):
                notes.append(isEmpty ? "" : try xml.text(until: "note"))
            case .endElement("notes"):
                return notes
            default:
                continue
            }
        }
        return notes
    }

    // MARK: Shared

    /// Skips the rest of the element `name` whose start was just read.
    private func skip(_ name: String) throws(FormatError) {
        _ = try xml.text(until: name)
    }

    private static func prefix(of qualifiedName: String) -> String {
        guard let colon = qualifiedName.firstIndex(of: ":") else { return "" }
        return String(qualifiedName[..<colon])
    }

    private static func noLanguage(_ side: String, _ raw: String?) -> String {
        guard let raw, !raw.isEmpty else { return "the file names no \(side) language" }
        return "the \(side) language '\(raw)' is not a language tag"
    }

    private static func language(_ raw: String?) -> LanguageTag? {
        guard let raw, !raw.isEmpty else { return nil }
        return try? LanguageTag(raw)
    }
}
