import GlossaModel

/// A query in which a client replaced inline codes by tokens before sending it, and maps them back
/// in the answer: Weblate writes `[X6X]` (`[X`, the offset of the tag in its text, `X]`) for each
/// HTML/XML tag, and for each placeholder of a format it knows; Okapi's connector, with codes
/// supported, writes its letter codes (`<g1>`, `</g1>`, `<x2/>`, `<b3/>`, `<e3/>`). The tokens are inline codes:
/// they are left out of the text that is matched (stored segments are matched without their codes
/// too), and put back into a match whose segments hold as many codes, each where its code is.
public struct TokenizedText: Sendable, Equatable {
    /// The text without its tokens (whitespace around a token counted once): what is matched.
    public let plain: String
    /// The tokens, in order.
    public let tokens: [String]

    public init(_ text: String) {
        var pieces: [String] = [""]
        var tokens: [String] = []
        var index = text.startIndex
        while index < text.endIndex {
            if let end = Self.tokenEnd(in: text, at: index) {
                tokens.append(String(text[index..<end]))
                pieces.append("")
                index = end
            } else {
                pieces[pieces.count - 1].append(text[index])
                index = text.index(after: index)
            }
        }
        self.tokens = tokens
        guard !tokens.isEmpty else {
            plain = text
            return
        }
        // Where a token was, the whitespace on its two sides counts once; at the end of the text, not at all.
        var plain = ""
        for (number, piece) in pieces.enumerated() {
            var piece = Substring(piece)
            if number > 0, plain.last?.isWhitespace ?? true { piece = piece.drop(while: \.isWhitespace) }
            plain += piece
        }
        if pieces[pieces.count - 1].allSatisfy(\.isWhitespace) {
            while plain.last?.isWhitespace == true { plain.removeLast() }
        }
        self.plain = plain
    }

    /// The end of a token starting at `index`, if one does: `[X<digits>X]`, or one of Okapi's
    /// letter codes, `<g<digits>>`, `</g<digits>>` or `<x|b|e<digits>/>`.
    private static func tokenEnd(in text: String, at index: String.Index) -> String.Index? {
        let rest = text[index...]
        for (start, end) in tokenForms where rest.hasPrefix(start) {
            var cursor = rest.index(rest.startIndex, offsetBy: start.count)
            let digits = cursor
            while cursor < rest.endIndex, rest[cursor].isASCII, rest[cursor].isNumber { cursor = rest.index(after: cursor) }
            guard cursor > digits, rest[cursor...].hasPrefix(end) else { continue }
            return rest.index(cursor, offsetBy: end.count)
        }
        return nil
    }

    /// What comes before and after the number of each kind of token.
    private static let tokenForms: [(String, String)] = [
        ("[X", "X]"), ("<g", ">"), ("</g", ">"), ("<x", "/>"), ("<b", "/>"), ("<e", "/>"),
    ]

    /// A match's source and target as the client should get them: with the query's tokens in place
    /// of the inline codes when the query has tokens and both segments hold as many codes (the
    /// target's codes paired with the source's by their TMX `x` or `i` attribute, else in order),
    /// the plain texts otherwise.
    public func restore(_ match: Match) -> (source: String, target: String) {
        let plainTexts = (match.source.text, match.target.text)
        guard !tokens.isEmpty, let sourceMarkup = match.source.markup, let targetMarkup = match.target.markup else { return plainTexts }
        let source = InlineMarkup(sourceMarkup)
        let target = InlineMarkup(targetMarkup)
        guard source.codes.count == tokens.count, target.codes.count == tokens.count else { return plainTexts }
        let sourceTokens = tokens
        var targetTokens = tokens
        let sourceKeys = source.codes.map(\.key)
        let targetKeys = target.codes.map(\.key)
        if Set(sourceKeys).count == sourceKeys.count, Set(targetKeys) == Set(sourceKeys), !sourceKeys.contains(nil) {
            targetTokens = targetKeys.map { key in tokens[sourceKeys.firstIndex(of: key)!] }
        }
        return (source.text(replacingCodesWith: sourceTokens), target.text(replacingCodesWith: targetTokens))
    }
}

/// A segment's TMX markup as text and inline codes (`bpt`, `ept`, `ph`, `it`, `ut`, each with
/// its content), the formatting tags (`hi`, `sub`) dropped and their text kept.
struct InlineMarkup {
    enum Part {
        case text(String)
        case code
    }

    struct Code {
        /// What pairs it with a code of another segment of its unit: its `x`, else its element and `i`.
        let key: String?
    }

    private(set) var parts: [Part] = []
    private(set) var codes: [Code] = []

    private static let codeElements: Set<String> = ["bpt", "ept", "ph", "it", "ut"]

    init(_ markup: String) {
        var text = ""
        var depth = 0
        var rest = Substring(markup)
        while let open = rest.firstIndex(of: "<") {
            if depth == 0 { text += rest[..<open] }
            guard let close = rest[open...].firstIndex(of: ">") else { break }
            let tag = rest[rest.index(after: open)..<close]
            rest = rest[rest.index(after: close)...]
            let isEnd = tag.hasPrefix("/")
            let isEmpty = tag.hasSuffix("/")
            let name = String(tag.drop { $0 == "/" }.prefix { !$0.isWhitespace && $0 != "/" })
            guard Self.codeElements.contains(name) else { continue }
            if isEnd {
                depth -= 1
                continue
            }
            if depth == 0 {
                if !text.isEmpty { parts.append(.text(XMLEscaping.unescape(text))) }
                text = ""
                parts.append(.code)
                codes.append(Code(key: Self.attribute("x", in: tag).map { "x\($0)" } ?? Self.attribute("i", in: tag).map { "\(name)\($0)" }))
            }
            if !isEmpty { depth += 1 }
        }
        if depth == 0 { text += rest }
        if !text.isEmpty { parts.append(.text(XMLEscaping.unescape(text))) }
    }

    private static func attribute(_ name: String, in tag: Substring) -> String? {
        guard let range = tag.firstRange(of: " \(name)=\"") else { return nil }
        let value = tag[range.upperBound...]
        return value.firstIndex(of: "\"").map { String(value[..<$0]) }
    }

    /// The text with the `n`th code written as `replacements[n]`.
    func text(replacingCodesWith replacements: [String]) -> String {
        var output = ""
        var next = 0
        for part in parts {
            switch part {
            case .text(let text): output += text
            case .code:
                output += replacements[next]
                next += 1
            }
        }
        return output
    }
}
