import GlossaModel

/// The XLIFF version a file is written in: the two differ in their inline codes and states.
public enum XLIFFVersion: String, Sendable, Hashable {
    /// XLIFF 1.2 (and 1.1, 1.0), with the `.sdlxliff` and `.mqxliff` variants.
    case v1 = "1.2"
    /// XLIFF 2.0, 2.1 and 2.2.
    case v2 = "2"
}

/// Turns the content of an XLIFF `<source>`, `<target>` or segment `<mrk>` into what a memory
/// stores: the plain text (codes left out, the text inside paired codes and markers kept) and the
/// same content as TMX 1.4 markup, as a TMX import stores it (`Segment(text:markup:)`).
///
/// Feed it the element events of the content, in document order, then call `content`:
///
///     var codes = XLIFFInlineCodes(version: .v1)
///     codes.start("g", attributes: [("id", "1"), ("ctype", "bold")], isEmpty: false)
///     codes.text("Bold")
///     codes.end("g")
///     codes.content.markup  // <bpt i="1" x="1" type="bold"/>Bold<ept i="1"/>
///
/// How each code becomes TMX (`x` always holds the code's XLIFF `id`, so a pre-translation can
/// map a stored code back to the source's; `i` pairs a `bpt` with its `ept` within the segment):
/// - XLIFF 1.2 `g` and XLIFF 2 `pc` → `bpt`/`ept` around their text; `bx`/`ex` and `sc`/`ec` →
///   `bpt`/`ept` paired by `rid` (1.2) or `startRef` (2); an opening code without its closing one in
///   the same segment (or the reverse) → `it pos="begin"` (`"end"`).
/// - `x` and XLIFF 2 `ph` → `ph`; XLIFF 1.2 `ph`, `bpt`, `ept`, `it` → the same TMX element with
///   their native code as content (XLIFF 2: the `originalData` the code's `dataRef` names).
/// - `mrk` (both versions) and XLIFF 2 `sm`/`em`: no code; the text they mark is kept.
/// - 1.2 `ctype` becomes TMX `type`. Elements of other namespaces: their text is kept.
public struct XLIFFInlineCodes: Sendable {
    /// One inline code of the content, in order.
    public struct Code: Sendable, Hashable {
        public enum Role: Sendable, Hashable {
            /// Opens a paired code (`bpt`); `pair` is its TMX `i`.
            case opening(pair: Int)
            /// Closes a paired code (`ept`).
            case closing(pair: Int)
            /// A code on its own (`ph`).
            case standalone
            /// An opening code whose closing one is outside the segment (`it pos="begin"`).
            case isolatedOpening
            /// A closing code whose opening one is outside the segment (`it pos="end"`).
            case isolatedClosing
        }

        public var role: Role
        /// The code's XLIFF `id` (for a closing code, the id of the code it closes).
        public var id: String?
        /// The XLIFF element it came from (`g`, `x`, `bx`, `ex`, `ph`, `bpt`, `ept`, `it`, `pc`, `sc`, `ec`).
        public var element: String
        /// The native code it stands for, as TMX markup (escaped; empty when the file gives none).
        public var nativeCode: String
        /// XLIFF 1.2 `ctype`, written as the TMX `type`.
        public var type: String?
    }

    /// The converted content.
    public struct Content: Sendable, Hashable {
        /// The text without codes: what is matched.
        public var text: String
        /// Text and codes as TMX 1.4 `<seg>` content.
        public var markup: String
        /// The codes, in order of appearance.
        public var codes: [Code]

        /// True when there is text other than white space outside the codes.
        public var hasText: Bool { text.unicodeScalars.contains { !$0.properties.isWhitespace } }
    }

    private enum Token: Sendable {
        case text(String)
        case code(Code, pairKey: String?)
    }

    /// What an open element of the content is.
    private enum Open: Sendable {
        /// A paired code whose content is text (`g`, `pc`): closing it emits the closing code.
        case pairedCode(Code, key: String)
        /// A code whose content is native code, collected into `nativeCode`.
        case nativeCode(element: String, attributes: [(name: String, value: String)])
        /// An element inside native code: `sub` (written as TMX `sub`) or another, left out.
        case sub(written: Bool)
        /// Anything whose text is kept and which is no code (`mrk`, unknown elements).
        case transparent
    }

    public let version: XLIFFVersion
    /// XLIFF 2's `originalData`: native code by `data` id, named by a code's `dataRef`.
    public let originalData: [String: String]
    private var tokens: [Token] = []
    private var open: [Open] = []
    private var native = ""
    private var nativeDepth = 0
    private var nextKey = 0

    public init(version: XLIFFVersion, originalData: [String: String] = [:]) {
        self.version = version
        self.originalData = originalData
    }

    /// An element starts inside the content (its local name, its attributes as written).
    public mutating func start(_ name: String, attributes: [(name: String, value: String)], isEmpty: Bool) {
        if nativeDepth > 0 {
            // `sub` (translatable text inside native code) is kept as TMX `sub`; other tags in it are
            // left out, their text kept as code.
            if name == "sub" {
                native += "<sub>"
                if isEmpty {
                    native += "</sub>"
                } else {
                    open.append(.sub(written: true))
                    nativeDepth += 1
                }
            } else if !isEmpty {
                open.append(.sub(written: false))
                nativeDepth += 1
            }
            return
        }
        let id = Self.attribute("id", in: attributes)
        let type = version == .v1 ? Self.attribute("ctype", in: attributes) : nil
        switch (version, name) {
        case (.v1, "g"), (.v2, "pc"):
            let key = freshKey()
            let dataStart = Self.attribute("dataRefStart", in: attributes).flatMap { originalData[$0] } ?? ""
            let opening = Code(role: .opening(pair: 0), id: id, element: name, nativeCode: XMLEscaping.escapeText(dataStart), type: type)
            tokens.append(.code(opening, pairKey: key))
            let dataEnd = Self.attribute("dataRefEnd", in: attributes).flatMap { originalData[$0] } ?? ""
            let closing = Code(role: .closing(pair: 0), id: id, element: name, nativeCode: XMLEscaping.escapeText(dataEnd), type: type)
            if isEmpty { tokens.append(.code(closing, pairKey: key)) } else { open.append(.pairedCode(closing, key: key)) }
        case (.v1, "x"):
            tokens.append(.code(Code(role: .standalone, id: id, element: name, nativeCode: "", type: type), pairKey: nil))
        case (.v1, "bx"):
            let key = "bx:" + (Self.attribute("rid", in: attributes) ?? id ?? "")
            tokens.append(.code(Code(role: .isolatedOpening, id: id, element: name, nativeCode: "", type: type), pairKey: key))
            if !isEmpty { open.append(.transparent) }
        case (.v1, "ex"):
            let key = "bx:" + (Self.attribute("rid", in: attributes) ?? id ?? "")
            tokens.append(.code(Code(role: .isolatedClosing, id: id, element: name, nativeCode: "", type: type), pairKey: key))
            if !isEmpty { open.append(.transparent) }
        case (.v1, "ph"), (.v1, "bpt"), (.v1, "ept"), (.v1, "it"):
            if isEmpty {
                tokens.append(nativeToken(element: name, attributes: attributes, code: ""))
            } else {
                open.append(.nativeCode(element: name, attributes: attributes))
                native = ""
                nativeDepth = 1
            }
        case (.v2, "ph"):
            let data = Self.attribute("dataRef", in: attributes).flatMap { originalData[$0] } ?? ""
            tokens.append(.code(Code(role: .standalone, id: id, element: name, nativeCode: XMLEscaping.escapeText(data)), pairKey: nil))
            if !isEmpty { open.append(.transparent) }
        case (.v2, "sc"), (.v2, "ec"):
            let data = Self.attribute("dataRef", in: attributes).flatMap { originalData[$0] } ?? ""
            let isolated = Self.attribute("isolated", in: attributes) == "yes"
            let opening = name == "sc"
            // An isolated `ec` names its own id; a paired one names the `sc` it closes in `startRef`.
            let codeId = opening || isolated ? id : Self.attribute("startRef", in: attributes)
            let role: Code.Role = opening ? .isolatedOpening : .isolatedClosing
            let code = Code(role: role, id: codeId, element: name, nativeCode: XMLEscaping.escapeText(data))
            tokens.append(.code(code, pairKey: isolated ? nil : "sc:" + (codeId ?? "")))
            if !isEmpty { open.append(.transparent) }
        default:
            // mrk, sm, em, cp and other namespaces' elements: their text is text.
            if !isEmpty { open.append(.transparent) }
        }
    }

    /// The element last started ends.
    public mutating func end(_ name: String) {
        guard let element = open.popLast() else { return }
        switch element {
        case .pairedCode(let closing, let key):
            tokens.append(.code(closing, pairKey: key))
        case .nativeCode(let name, let attributes):
            nativeDepth = 0
            tokens.append(nativeToken(element: name, attributes: attributes, code: native))
            native = ""
        case .sub(let written):
            if written { native += "</sub>" }
            nativeDepth -= 1
        case .transparent:
            break
        }
    }

    /// Text (or CDATA, or white space) inside the content.
    public mutating func text(_ value: String) {
        if nativeDepth > 0 {
            native += XMLEscaping.escapeText(value)
        } else if case .text(let previous) = tokens.last {
            tokens[tokens.count - 1] = .text(previous + value)
        } else {
            tokens.append(.text(value))
        }
    }

    /// The text, markup and codes of what was fed so far, with codes paired within it.
    public var content: Content {
        let resolved = Self.pair(tokens)
        var text = ""
        var markup = ""
        var codes: [Code] = []
        for token in resolved {
            switch token {
            case .text(let value):
                text += value
                markup += XMLEscaping.escapeText(value)
            case .code(let code, _):
                codes.append(code)
                markup += Self.tmx(code)
            }
        }
        return Content(text: text, markup: markup, codes: codes)
    }

    /// Gives paired codes their TMX `i`, in order of their opening codes; codes whose partner is
    /// not in the content stay isolated.
    private static func pair(_ tokens: [Token]) -> [Token] {
        var result = tokens
        var openByKey: [String: [Int]] = [:]
        var pairs: [(open: Int, close: Int)] = []
        for (index, token) in tokens.enumerated() {
            guard case .code(let code, let key?) = token else { continue }
            switch code.role {
            case .opening, .isolatedOpening:
                openByKey[key, default: []].append(index)
            case .closing, .isolatedClosing:
                if let opening = openByKey[key]?.popLast() { pairs.append((opening, index)) }
            case .standalone:
                continue
            }
        }
        for (number, pair) in pairs.sorted(by: { $0.open < $1.open }).enumerated() {
            let i = number + 1
            if case .code(var code, let key) = result[pair.open] {
                code.role = .opening(pair: i)
                result[pair.open] = .code(code, pairKey: key)
            }
            if case .code(var code, let key) = result[pair.close] {
                code.role = .closing(pair: i)
                result[pair.close] = .code(code, pairKey: key)
            }
        }
        // A `g` or `pc` always pairs with itself; the rest are isolated unless paired above.
        return result
    }

    private func nativeToken(element: String, attributes: [(name: String, value: String)], code: String) -> Token {
        let id = Self.attribute("id", in: attributes)
        let type = Self.attribute("ctype", in: attributes)
        switch element {
        case "bpt", "ept":
            // XLIFF 1.2 pairs them by `rid`, or by the same `id`.
            let key = "bpt:" + (Self.attribute("rid", in: attributes) ?? id ?? "")
            let role: Code.Role = element == "bpt" ? .isolatedOpening : .isolatedClosing
            return .code(Code(role: role, id: id, element: element, nativeCode: code, type: type), pairKey: key)
        case "it":
            let role: Code.Role = Self.attribute("pos", in: attributes) == "close" ? .isolatedClosing : .isolatedOpening
            return .code(Code(role: role, id: id, element: element, nativeCode: code, type: type), pairKey: nil)
        default:
            return .code(Code(role: .standalone, id: id, element: element, nativeCode: code, type: type), pairKey: nil)
        }
    }

    private mutating func freshKey() -> String {
        nextKey += 1
        return "pair:\(nextKey)"
    }

    /// The TMX element of a code.
    static func tmx(_ code: Code) -> String {
        let name: String
        var attributes: [(String, String)] = []
        switch code.role {
        case .opening(let pair):
            name = "bpt"
            attributes = [("i", String(pair))]
        case .closing(let pair):
            // TMX's `ept` carries nothing but `i`.
            return element("ept", [("i", String(pair))], content: code.nativeCode)
        case .standalone:
            name = "ph"
        case .isolatedOpening:
            name = "it"
            attributes = [("pos", "begin")]
        case .isolatedClosing:
            name = "it"
            attributes = [("pos", "end")]
        }
        if let id = code.id { attributes.append(("x", id)) }
        if let type = code.type { attributes.append(("type", type)) }
        return element(name, attributes, content: code.nativeCode)
    }

    private static func element(_ name: String, _ attributes: [(String, String)], content: String) -> String {
        var markup = "<" + name
        for (attribute, value) in attributes { markup += " \(attribute)=\"\(XMLEscaping.escapeAttribute(value))\"" }
        return content.isEmpty ? markup + "/>" : markup + ">" + content + "</\(name)>"
    }

    static func attribute(_ name: String, in attributes: [(name: String, value: String)]) -> String? {
        attributes.first { $0.name == name }?.value
    }
}
