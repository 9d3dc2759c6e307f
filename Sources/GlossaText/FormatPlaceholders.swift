/// The placeholders of the common string formats in a text, which software fills at run time and
/// translators copy as they are: printf and Python (`%s`, `%d`, `%.2f`, `%1$s`, `%(name)s`, `%%`),
/// Qt (`%1`), Ruby and Perl (`%{name}`, `${name}`), and brace formats (`{0}`, `{name}`, `{}`,
/// `{0:.2f}`, `{{name}}`). A client that tokenizes placeholders before it asks a memory (Weblate,
/// for a string flagged `python-format`, `c-format`...) sends tokens where a stored segment holds
/// these as text.
public enum FormatPlaceholders {
    /// The ranges of the placeholders in `text`, in order.
    public static func ranges(in text: String) -> [Range<String.Index>] {
        var ranges: [Range<String.Index>] = []
        var index = text.startIndex
        while index < text.endIndex {
            let end: String.Index? =
                switch text[index] {
                case "%": percentPlaceholderEnd(text, index)
                case "{": bracePlaceholderEnd(text, index)
                case "$": dollarPlaceholderEnd(text, index)
                default: nil
                }
            if let end {
                ranges.append(index..<end)
                index = end
            } else {
                index = text.index(after: index)
            }
        }
        return ranges
    }

    /// Longest name or format spec inside braces, so that a brace far from its pair is text.
    static let maxBraceContent = 64

    // No space flag: `% s` is far more often a percent sign before a word ("100% sure").
    private static let printfFlags: Set<Character> = ["-", "+", "#", "0"]
    private static let printfLengths: Set<Character> = ["h", "l", "L", "q", "j", "z", "t"]
    private static let printfConversions: Set<Character> = [
        "d", "i", "o", "u", "x", "X", "e", "E", "f", "F", "g", "G", "c", "r", "s", "a", "A", "p", "@",
    ]

    /// `%%`, `%(name)s`, `%1$s`, `%-5.2f`, `%ld`, `%{name}`, or Qt's `%1`.
    private static func percentPlaceholderEnd(_ text: String, _ start: String.Index) -> String.Index? {
        var cursor = text.index(after: start)
        guard cursor < text.endIndex else { return nil }
        if text[cursor] == "%" { return text.index(after: cursor) }
        if text[cursor] == "{" { return closing("}", in: text, after: cursor, allowing: \.isIdentifierCharacter) }
        if text[cursor] == "(" {
            guard let close = text[cursor...].firstIndex(of: ")"), text.distance(from: cursor, to: close) <= maxBraceContent else { return nil }
            cursor = text.index(after: close)
        } else {
            let digits = skip(text, from: cursor, while: \.isASCIIDigit)
            if digits > cursor, digits < text.endIndex, text[digits] == "$" {
                cursor = text.index(after: digits)
            } else if digits > cursor, digits == text.endIndex || !text[digits].isASCIILetter && text[digits] != "." {
                return digits
            }
        }
        cursor = skip(text, from: cursor) { printfFlags.contains($0) }
        cursor = skip(text, from: cursor) { $0.isASCIIDigit || $0 == "*" }
        if cursor < text.endIndex, text[cursor] == "." {
            cursor = skip(text, from: text.index(after: cursor)) { $0.isASCIIDigit || $0 == "*" }
        }
        cursor = skip(text, from: cursor) { printfLengths.contains($0) }
        guard cursor < text.endIndex, printfConversions.contains(text[cursor]) else { return nil }
        return text.index(after: cursor)
    }

    /// `{0}`, `{name}`, `{}`, `{0:.2f}`, `{name!r}`, or `{{name}}`: no nested brace, no line break.
    private static func bracePlaceholderEnd(_ text: String, _ start: String.Index) -> String.Index? {
        let next = text.index(after: start)
        if next < text.endIndex, text[next] == "{",
            let inner = closing("}", in: text, after: next, allowing: { !"{}\n".contains($0) }),
            inner < text.endIndex, text[inner] == "}"
        {
            return text.index(after: inner)
        }
        // A space may separate a format's parts (`{0, number}`); other white space ends it.
        return closing("}", in: text, after: start) { $0 == " " || !"{}".contains($0) && !$0.isWhitespace }
    }

    /// `${name}`.
    private static func dollarPlaceholderEnd(_ text: String, _ start: String.Index) -> String.Index? {
        let next = text.index(after: start)
        guard next < text.endIndex, text[next] == "{" else { return nil }
        return closing("}", in: text, after: next, allowing: \.isIdentifierCharacter)
    }

    /// The index after `close` when it follows `open` within `maxBraceContent` characters that
    /// all pass `allowed`.
    private static func closing(
        _ close: Character, in text: String, after open: String.Index, allowing allowed: (Character) -> Bool
    ) -> String.Index? {
        var cursor = text.index(after: open)
        var length = 0
        while cursor < text.endIndex, length <= maxBraceContent {
            if text[cursor] == close { return text.index(after: cursor) }
            guard allowed(text[cursor]) else { return nil }
            cursor = text.index(after: cursor)
            length += 1
        }
        return nil
    }

    private static func skip(_ text: String, from start: String.Index, while condition: (Character) -> Bool) -> String.Index {
        text[start...].firstIndex { !condition($0) } ?? text.endIndex
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
    fileprivate var isASCIILetter: Bool { isASCII && isLetter }
    fileprivate var isIdentifierCharacter: Bool { isLetter || isNumber || self == "_" || self == "." }
}
