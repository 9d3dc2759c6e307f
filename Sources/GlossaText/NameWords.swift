/// The words of a name or a running text, with their places in Unicode scalars: letters, marks
/// and digits, an apostrophe kept inside a word (`Putin's`, `O'Brien`). Hyphens and spaces
/// separate words, so a term and a text cut the same way.
public enum NameWords {
    public struct Word: Sendable, Hashable {
        /// Offset and length in Unicode scalars of the text scanned.
        public let offset: Int
        public let length: Int
        public let text: String
    }

    public static func scan(_ text: String) -> [Word] {
        scan(Array(text.unicodeScalars))
    }

    public static func scan(_ scalars: [Unicode.Scalar]) -> [Word] {
        var words: [Word] = []
        var start: Int?
        func close(at end: Int) {
            guard let from = start else { return }
            words.append(Word(offset: from, length: end - from, text: String(String.UnicodeScalarView(scalars[from..<end]))))
            start = nil
        }
        for (index, scalar) in scalars.enumerated() {
            if isWordScalar(scalar) {
                if start == nil { start = index }
            } else if isApostrophe(scalar), start != nil, index + 1 < scalars.count, isWordScalar(scalars[index + 1]) {
                continue
            } else {
                close(at: index)
            }
        }
        close(at: scalars.count)
        return words
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        return properties.isAlphabetic || properties.numericType != nil || properties.generalCategory == .nonspacingMark
            || properties.generalCategory == .spacingMark
    }

    static func isApostrophe(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "'" || scalar == "\u{2019}" || scalar == "\u{02BC}"
    }
}
