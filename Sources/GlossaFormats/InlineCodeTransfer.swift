import GlossaModel

/// One inline code as a segment holds it, in either format: its role, what identifies it within
/// its segment, and its XML exactly as written.
struct InlineCode: Sendable {
    enum Role: Equatable {
        /// Opens a pair (XLIFF `<g>`, `<bx/>`, `<bpt>`, `<pc>`, `<sc/>`; TMX `<bpt>`).
        case open
        /// Closes a pair (`</g>`, `<ex/>`, `<ept>`, `</pc>`, `<ec/>`; TMX `<ept>`).
        case close
        /// Stands alone (`<x/>`, `<ph>`, `<it>`, `<cp/>`; TMX `<ph>`, `<it>`, `<ut>`).
        case standalone
    }

    let role: Role
    /// The XML of the code: a whole element, or (for `<g>` and `<pc>`) the start or the end tag.
    let xml: [UInt8]
    /// For a `</g>` or `</pc>`: the index of the code that opened it, which it must close in any
    /// target too, or the XML would not nest.
    var opener: Int?
}

/// A segment's content split into text and inline codes.
struct InlineContent: Sendable {
    var text = ""
    var codes: [InlineCode] = []
    /// The content in order: text (decoded) or the index of a code.
    var items: [Item] = []
    /// An element that is neither text nor a known code (XLIFF `<mrk>`, TMX `<hi>`): its content
    /// cannot be carried over safely.
    var hasUnknownElements = false

    enum Item: Sendable {
        case text(String)
        case code(Int)
    }

    /// XLIFF 1.2 and 2.x inline elements, by local name.
    static let xliffPairTags: Set<Substring> = ["g", "pc"]
    static let xliffEmptyCodes: [Substring: InlineCode.Role] = [
        "x": .standalone, "bx": .open, "ex": .close, "sc": .open, "ec": .close, "cp": .standalone,
    ]
    static let xliffNativeCodes: [Substring: InlineCode.Role] = ["ph": .standalone, "bpt": .open, "ept": .close, "it": .standalone]
    /// TMX inline elements (whose content is native code).
    static let tmxCodes: [Substring: InlineCode.Role] = ["bpt": .open, "ept": .close, "ph": .standalone, "it": .standalone, "ut": .standalone]

    /// Reads XLIFF inline content (the tokens between `<source>` and `</source>`).
    init(xliff tokens: some Sequence<XMLToken>) {
        var open: [Int] = []
        var nested: NestedCode?
        for token in tokens {
            if nested != nil {
                collect(token, into: &nested)
                continue
            }
            switch token.kind {
            case .text, .other:
                append(text: token.text)
            case .startTag where Self.xliffPairTags.contains(token.localName):
                open.append(codes.count)
                add(InlineCode(role: .open, xml: token.bytes))
            case .endTag where Self.xliffPairTags.contains(token.localName):
                add(InlineCode(role: .close, xml: token.bytes, opener: open.popLast()))
            case .emptyTag where Self.xliffPairTags.contains(token.localName):
                // `<g id="1"/>`: a pair with nothing inside, carried as one code.
                add(InlineCode(role: .standalone, xml: token.bytes))
            case .emptyTag where Self.xliffEmptyCodes[token.localName] != nil || Self.xliffNativeCodes[token.localName] != nil:
                add(InlineCode(role: Self.xliffEmptyCodes[token.localName] ?? Self.xliffNativeCodes[token.localName]!, xml: token.bytes))
            case .startTag where Self.xliffNativeCodes[token.localName] != nil:
                nested = NestedCode(name: token.name, xml: token.bytes, role: Self.xliffNativeCodes[token.localName]!)
            case .startTag, .emptyTag, .endTag:
                hasUnknownElements = true
            }
        }
    }

    /// Reads TMX markup (a stored segment's `markup`).
    init(tmx markup: String) {
        let scanner = XMLByteScanner(bytes: Array(markup.utf8))
        var nested: NestedCode?
        while let token = scanner.next() {
            if nested != nil {
                collect(token, into: &nested)
                continue
            }
            switch token.kind {
            case .text, .other: append(text: token.text)
            case .emptyTag where Self.tmxCodes[token.localName] != nil:
                add(InlineCode(role: Self.tmxRole(token), xml: token.bytes))
            case .startTag where Self.tmxCodes[token.localName] != nil:
                nested = NestedCode(name: token.name, xml: token.bytes, role: Self.tmxRole(token))
            case .startTag, .emptyTag, .endTag:
                hasUnknownElements = true
            }
        }
    }

    /// A code whose element holds native code (XLIFF 1.2 `<ph>`, TMX `<bpt>`...), read to its end.
    private struct NestedCode {
        let name: String
        var depth = 1
        var xml: [UInt8]
        let role: InlineCode.Role

        init(name: String, xml: [UInt8], role: InlineCode.Role) {
            self.name = name
            self.xml = xml
            self.role = role
        }
    }

    /// Adds `token` to the open code, and the code to the content when the token ends it.
    private mutating func collect(_ token: XMLToken, into nested: inout NestedCode?) {
        guard var code = nested else { return }
        code.xml += token.bytes
        if token.kind == .startTag, token.name == code.name { code.depth += 1 }
        if token.kind == .endTag, token.name == code.name { code.depth -= 1 }
        nested = code.depth == 0 ? nil : code
        if nested == nil { add(InlineCode(role: code.role, xml: code.xml)) }
    }

    /// An isolated TMX `<it>` opens or closes, as its `pos` says.
    private static func tmxRole(_ token: XMLToken) -> InlineCode.Role {
        guard token.localName == "it" else { return tmxCodes[token.localName] ?? .standalone }
        switch token.attribute("pos") {
        case "begin": return .open
        case "end": return .close
        default: return .standalone
        }
    }

    private mutating func append(text value: String) {
        guard !value.isEmpty else { return }
        text += value
        if case .text(let previous) = items.last {
            items[items.count - 1] = .text(previous + value)
        } else {
            items.append(.text(value))
        }
    }

    private mutating func add(_ code: InlineCode) {
        items.append(.code(codes.count))
        codes.append(code)
    }

    /// What pairs each TMX code with a code of the unit's other segment: its `x` (the attribute
    /// TMX gives for that), an `<ept>` the identity of the `<bpt>` of its `i` (an `i` pairs codes
    /// within one segment only), else its kind and `i`, else its kind and order.
    func tmxIdentities() -> [String] {
        var ordinals: [String: Int] = [:]
        var openers: [String: String] = [:]
        return codes.map { code in
            let token = XMLByteScanner(bytes: code.xml).next()
            let name = token.map { String($0.localName) } ?? ""
            let pair = token?.attribute("i")
            if name == "ept", let pair, let opener = openers[pair] { return "end of \(opener)" }
            let identity: String
            if let x = token?.attribute("x") {
                identity = "\(name) x=\(x)"
            } else if let pair {
                identity = "\(name) i=\(pair)"
            } else {
                ordinals[name, default: 0] += 1
                identity = "\(name) #\(ordinals[name]!)"
            }
            if name == "bpt", let pair { openers[pair] = identity }
            return identity
        }
    }

}

/// A stored segment's TMX markup (`Segment.markup`) as text and inline codes, for a client that
/// stands tokens of its own for the codes (Weblate's `[X6X]`, Okapi's `<g1>`).
public struct TMXInlineCodes: Sendable {
    public enum Part: Sendable, Equatable {
        case text(String)
        /// A code, by what pairs it with a code of the unit's other segment: equal keys in the
        /// source and the target are the same code.
        case code(key: String)
    }

    /// The content in order, the text decoded.
    public let parts: [Part]

    public init(markup: String) {
        let content = InlineContent(tmx: markup)
        let keys = content.tmxIdentities()
        parts = content.items.map { item in
            switch item {
            case .text(let text): .text(text)
            case .code(let index): .code(key: keys[index])
            }
        }
    }
}

/// Carries the inline codes of an XLIFF source segment into a translation found in a memory: the
/// memory's source segment must hold codes of the same roles in the same order (matched one to one
/// with the file's), and its translation is written with the file's own codes in the places the
/// translation puts the memory's. Nothing is carried when they do not line up.
public enum InlineCodeTransfer {
    /// The XLIFF content of the target, or nil when the codes do not line up.
    public static func xliffTarget(source: XLIFFSegmentContent, matchSource: String, matchTarget: String) -> String? {
        let file = source.content
        let memorySource = InlineContent(tmx: matchSource)
        let memoryTarget = InlineContent(tmx: matchTarget)
        guard !file.hasUnknownElements, !memorySource.hasUnknownElements, !memoryTarget.hasUnknownElements,
            file.codes.count == memorySource.codes.count, memoryTarget.codes.count == file.codes.count,
            zip(file.codes, memorySource.codes).allSatisfy({ $0.role == $1.role })
        else { return nil }
        var fileCodeOf: [String: Int] = [:]
        for (index, identity) in memorySource.tmxIdentities().enumerated() {
            guard fileCodeOf.updateValue(index, forKey: identity) == nil else { return nil }
        }
        let targetIdentities = memoryTarget.tmxIdentities()
        var used = Set<Int>()
        var open: [Int] = []
        var out: [UInt8] = []
        for item in memoryTarget.items {
            switch item {
            case .text(let text):
                out += Array(XMLEscaping.escapeText(text).utf8)
            case .code(let index):
                guard let fileIndex = fileCodeOf[targetIdentities[index]], used.insert(fileIndex).inserted else { return nil }
                let code = file.codes[fileIndex]
                if let opener = code.opener {
                    guard open.popLast() == opener else { return nil }
                } else if file.codes.contains(where: { $0.opener == fileIndex }) {
                    open.append(fileIndex)
                }
                out += code.xml
            }
        }
        guard open.isEmpty, used.count == file.codes.count else { return nil }
        return String(decoding: out, as: UTF8.self)
    }
}
