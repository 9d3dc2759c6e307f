import CShims

/// One token of a text, as ICU's word-break rules cut it.
public struct Token: Hashable, Sendable {
    public enum Kind: Sendable { case word, number, punctuation }
    public let text: String
    public let kind: Kind
}

/// Splits text into words with ICU's word-break iterator. Chinese and Japanese, written without
/// spaces, are segmented by ICU's dictionaries, so `普京抵达北京` gives `普京 / 抵达 / 北京`.
public enum WordTokenizer {
    /// Words, numbers and punctuation marks; whitespace is dropped.
    public static func tokens(_ text: String) -> [Token] {
        let units = Array(text.utf16)
        guard !units.isEmpty else { return [] }
        var capacity = units.count / 2 + 8
        var ends: [Int32] = []
        var statuses: [Int32] = []
        while true {
            ends = [Int32](repeating: 0, count: capacity)
            statuses = [Int32](repeating: 0, count: capacity)
            let count = glossa_word_breaks(units, Int32(units.count), &ends, &statuses, Int32(capacity))
            if count < 0 { return [] }
            if Int(count) <= capacity {
                ends.removeSubrange(Int(count)...)
                break
            }
            capacity = Int(count)
        }
        var tokens: [Token] = []
        tokens.reserveCapacity(ends.count)
        var start = 0
        for (index, endValue) in ends.enumerated() {
            let end = Int(endValue)
            defer { start = end }
            let piece = String(decoding: units[start..<end], as: UTF16.self)
            let status = statuses[index]
            let kind: Token.Kind
            switch status {
            case 100..<200: kind = .number
            case 200..<500: kind = .word
            default:
                // ICU gives status 0 both to punctuation and to whitespace.
                if piece.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) { continue }
                kind = piece.unicodeScalars.contains(where: { $0.properties.isAlphabetic || $0.properties.numericType != nil }) ? .word : .punctuation
            }
            tokens.append(Token(text: piece, kind: kind))
        }
        return tokens
    }

    /// Words and numbers only: what full-text indexing and concordance search see.
    public static func words(_ text: String) -> [String] {
        tokens(text).compactMap { $0.kind == .punctuation ? nil : $0.text }
    }
}

extension WordTokenizer {
    /// The terms the full-text index holds for a fold key: its ICU words, each cut at any character
    /// that is not a letter, mark or digit (`don't` -> `don`, `t`), so that SQLite's unicode61
    /// tokenizer, given them space-separated, sees exactly the same terms.
    public static func indexTerms(ofFoldKey fold: String) -> [String] {
        var terms: [String] = []
        for token in tokens(fold) where token.kind != .punctuation {
            if token.text.unicodeScalars.allSatisfy(isTermScalar) {
                terms.append(token.text)
                continue
            }
            var current = String.UnicodeScalarView()
            for scalar in token.text.unicodeScalars {
                if isTermScalar(scalar) {
                    current.append(scalar)
                } else if !current.isEmpty {
                    terms.append(String(current))
                    current = String.UnicodeScalarView()
                }
            }
            if !current.isEmpty { terms.append(String(current)) }
        }
        return terms
    }

    static func isTermScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark,
             .decimalNumber, .letterNumber, .otherNumber, .privateUse:
            return true
        default:
            return false
        }
    }
}
