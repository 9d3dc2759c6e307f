import GlossaModel

/// A target to write into a segment.
public struct XLIFFFill: Sendable {
    /// XLIFF inline content, escaped, with the source's codes.
    public var content: String
    /// XLIFF 1.2: the target's `state`; XLIFF 2: the segment's.
    public var state: String
    /// XLIFF 1.2 only: the target's `state-qualifier`.
    public var stateQualifier: String?

    public init(content: String, state: String, stateQualifier: String? = nil) {
        self.content = content
        self.state = state
        self.stateQualifier = stateQualifier
    }
}

/// A translation candidate: XLIFF 1.2 `<alt-trans>`, XLIFF 2 `<mtc:match>`.
public struct XLIFFCandidate: Sendable {
    public var similarity: Int
    public var origin: String
    /// XLIFF inline content, escaped.
    public var source: String
    public var target: String
    public var sourceLanguage: String
    public var targetLanguage: String

    public init(similarity: Int, origin: String, source: String, target: String, sourceLanguage: String, targetLanguage: String) {
        self.similarity = similarity
        self.origin = origin
        self.source = source
        self.target = target
        self.sourceLanguage = sourceLanguage
        self.targetLanguage = targetLanguage
    }
}

/// What to add to one unit, by segment index, and how it is written: a new `<target>` after the
/// `</source>` (or in place of the target it replaces), XLIFF 1.2 `<alt-trans>` after the target
/// as Okapi writes them, XLIFF 2 `<mtc:match>`es in the unit's `<mtc:matches>` (a new one goes
/// first in the unit, before `<notes>`, as the core schema wants module elements). Every byte not
/// replaced is written as read; new elements repeat the indentation of their siblings.
public struct XLIFFUnitRewrite: Sendable {
    static let matchesNamespace = "urn:oasis:names:tc:xliff:matches:2.0"

    public var fills: [Int: XLIFFFill] = [:]
    public var candidates: [Int: [XLIFFCandidate]] = [:]

    public init() {}

    public var isEmpty: Bool { fills.isEmpty && candidates.values.allSatisfy(\.isEmpty) }

    private struct Edits {
        var before: [Int: [UInt8]] = [:]
        var replace: [Int: (end: Int, bytes: [UInt8])] = [:]
        var inTag: [Int: [(range: Range<Int>, bytes: [UInt8])]] = [:]

        mutating func insert(_ text: [UInt8], before index: Int) { before[index, default: []] += text }
    }

    func render(_ unit: XLIFFUnit) -> [UInt8] {
        var edits = Edits()
        switch unit.version {
        case .v1: renderV1(unit, into: &edits)
        case .v2: renderV2(unit, into: &edits)
        }
        var out: [UInt8] = []
        var index = 0
        while index < unit.tokens.count {
            if let inserted = edits.before[index] { out += inserted }
            if let replacement = edits.replace[index] {
                out += replacement.bytes
                index = replacement.end + 1
                continue
            }
            var bytes = unit.tokens[index].bytes
            for edit in (edits.inTag[index] ?? []).sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
                bytes.replaceSubrange(edit.range, with: edit.bytes)
            }
            out += bytes
            index += 1
        }
        return out
    }

    private func renderV1(_ unit: XLIFFUnit, into edits: inout Edits) {
        let p = unit.prefix
        var after: [UInt8] = []
        var insertionPoint: Int?
        for (index, segment) in unit.segments.enumerated() {
            if let fill = fills[index] {
                if segment.mid != nil {
                    // A segment of a `<seg-source>`: its text goes into the target's `<mrk>`, whose
                    // tags stay; the target's state, which all its segments share, is left as it is.
                    if let marker = segment.target { edits.replace[marker.lowerBound] = (marker.upperBound, filled(marker, in: unit, with: fill)) }
                } else {
                    var attributes = unit.targetLanguage.map { #" xml:lang="\#(XMLEscaping.escapeAttribute($0))""# } ?? ""
                    attributes += #" state="\#(XMLEscaping.escapeAttribute(fill.state))""#
                    if let qualifier = fill.stateQualifier { attributes += #" state-qualifier="\#(XMLEscaping.escapeAttribute(qualifier))""# }
                    let target = Array("<\(p)target\(attributes)>\(fill.content)</\(p)target>".utf8)
                    if let existing = segment.target {
                        edits.replace[existing.lowerBound] = (existing.upperBound, target)
                    } else {
                        after += segment.indent + target
                    }
                }
            }
            insertionPoint = (segment.unitTargetEnd ?? segment.sourceEnd) + 1
            for candidate in candidates[index] ?? [] {
                let mid = segment.mid.map { #" mid="\#(XMLEscaping.escapeAttribute($0))""# } ?? ""
                after += segment.indent
                after += Array(
                    (#"<\#(p)alt-trans\#(mid) match-quality="\#(candidate.similarity)" origin="\#(XMLEscaping.escapeAttribute(candidate.origin))">"#
                        + #"<\#(p)source xml:lang="\#(XMLEscaping.escapeAttribute(candidate.sourceLanguage))">\#(candidate.source)</\#(p)source>"#
                        + #"<\#(p)target xml:lang="\#(XMLEscaping.escapeAttribute(candidate.targetLanguage))">\#(candidate.target)</\#(p)target>"#
                        + "</\(p)alt-trans>").utf8)
            }
        }
        if !after.isEmpty, let insertionPoint { edits.insert(after, before: insertionPoint) }
    }

    /// A target `<mrk>` with new content: its start tag as written (an empty `<mrk/>` opened), the
    /// content, its end tag.
    private func filled(_ marker: ClosedRange<Int>, in unit: XLIFFUnit, with fill: XLIFFFill) -> [UInt8] {
        let start = unit.tokens[marker.lowerBound]
        guard start.kind == .emptyTag else { return start.bytes + Array(fill.content.utf8) + unit.tokens[marker.upperBound].bytes }
        var open = Array(start.bytes.dropLast(2))  // "/>"
        while let last = open.last, XMLByteScanner.isSpace(last) { open.removeLast() }
        return open + Array(">\(fill.content)</\(start.name)>".utf8)
    }

    private func renderV2(_ unit: XLIFFUnit, into edits: inout Edits) {
        let p = unit.prefix
        let m = unit.matchesEnd?.prefix ?? "mtc"
        var matches: [UInt8] = []
        let matchIndent = unit.childIndent.isEmpty ? [] : unit.childIndent + Array("  ".utf8)
        for (index, segment) in unit.segments.enumerated() {
            if let fill = fills[index] {
                let target = Array("<\(p)target>\(fill.content)</\(p)target>".utf8)
                if let existing = segment.target {
                    edits.replace[existing.lowerBound] = (existing.upperBound, target)
                } else {
                    edits.insert(segment.indent + target, before: segment.sourceEnd + 1)
                }
                // The state is written even where it is the default: readers such as translate-toolkit
                // take a target without one for a finished translation.
                if let tag = segment.segmentTag {
                    if let state = unit.tokens[tag].attributes.first(where: { $0.name == "state" }) {
                        if state.value != fill.state {
                            edits.inTag[tag, default: []].append((state.range, Array(XMLEscaping.escapeAttribute(fill.state).utf8)))
                        }
                    } else {
                        let tagEnd = unit.tokens[tag].bytes.count - 1  // before its `>`
                        edits.inTag[tag, default: []].append(
                            (tagEnd..<tagEnd, Array(#" state="\#(XMLEscaping.escapeAttribute(fill.state))""#.utf8)))
                    }
                }
            }
            guard let candidates = candidates[index], !candidates.isEmpty, let tag = segment.segmentTag else { continue }
            var id = segment.id
            if id == nil {
                // A match points at its segment by id: a segment without one is given one.
                let generated = "glossa-s\(index + 1)"
                let nameEnd = 1 + unit.tokens[tag].name.utf8.count
                edits.inTag[tag, default: []].append((nameEnd..<nameEnd, Array(#" id="\#(generated)""#.utf8)))
                id = generated
            }
            for candidate in candidates {
                matches += matchIndent
                matches += Array(
                    ("<\(m):match ref=\"#\(XMLEscaping.escapeAttribute(id!))\" similarity=\"\(candidate.similarity)\" "
                        + #"origin="\#(XMLEscaping.escapeAttribute(candidate.origin))" type="tm">"#
                        + "<\(p)source>\(candidate.source)</\(p)source><\(p)target>\(candidate.target)</\(p)target></\(m):match>").utf8)
            }
        }
        guard !matches.isEmpty else { return }
        if let end = unit.matchesEnd {
            edits.insert(matches + unit.childIndent, before: end.index)
        } else {
            let declaration = unit.rootDeclaresMatches ? "" : #" xmlns:mtc="\#(XLIFFUnitRewrite.matchesNamespace)""#
            edits.insert(
                unit.childIndent + Array("<mtc:matches\(declaration)>".utf8) + matches + unit.childIndent + Array("</mtc:matches>".utf8),
                before: 1)
        }
    }
}
