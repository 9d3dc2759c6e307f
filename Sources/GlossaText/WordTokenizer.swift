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
        var tokens: [Token] = []
        forEachToken(text) { token in tokens.append(token) }
        return tokens
    }

    /// Words and numbers only: what the index and concordance search see.
    public static func words(_ text: String) -> [String] {
        var words: [String] = []
        forEachToken(text) { token in if token.kind != .punctuation { words.append(token.text) } }
        return words
    }

    /// Calls `body` with each token in order. ICU reads the string's UTF-8 in place.
    public static func forEachToken(_ text: String, _ body: (Token) -> Void) {
        var text = text
        text.withUTF8 { utf8 in
            guard let base = utf8.baseAddress, !utf8.isEmpty else { return }
            // A token holds at least one byte; most texts have far fewer tokens than bytes.
            var capacity = min(utf8.count, 64)
            while true {
                let done = withUnsafeTemporaryAllocation(of: Int32.self, capacity: 2 * capacity) { offsets in
                    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { kinds -> Bool in
                        let starts = offsets.baseAddress!, ends = starts + capacity
                        let count = base.withMemoryRebound(to: CChar.self, capacity: utf8.count) {
                            glossa_word_tokens($0, Int32(utf8.count), starts, ends, kinds.baseAddress!, Int32(capacity))
                        }
                        if count < 0 { return true }
                        if Int(count) > capacity {
                            capacity = Int(count)
                            return false
                        }
                        for index in 0..<Int(count) {
                            let piece = UnsafeBufferPointer(rebasing: utf8[Int(starts[index])..<Int(ends[index])])
                            let kind: Token.Kind =
                                switch kinds[index] {
                                case UInt8(GLOSSA_TOKEN_NUMBER.rawValue): .number
                                case UInt8(GLOSSA_TOKEN_WORD.rawValue): .word
                                default: .punctuation
                                }
                            body(Token(text: String(decoding: piece, as: UTF8.self), kind: kind))
                        }
                        return true
                    }
                }
                if done { return }
            }
        }
    }
}

extension WordTokenizer {
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
