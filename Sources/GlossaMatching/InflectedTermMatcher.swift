import GlossaText

/// Finds terms in running text in other grammatical forms than the one stored: each word of a
/// term is compared by its Snowball stem (`в Доме народных собраний` finds `Дом народных
/// собраний`), then checked to be a form of that word (`Inflection.isForm`). Words a term
/// writes with a capital must be capitalized in the text, so that a proper noun is not found in a
/// common word that shares its stem (`путина`, the fishing season, is not `Путин`).
public struct InflectedTermMatcher<Value: Sendable>: Sendable {
    private final class Node: @unchecked Sendable {
        var next: [String: Node] = [:]
        var entries: [Entry] = []
    }

    private struct Entry {
        let value: Value
        /// The term's words as written.
        let words: [String]
    }

    public typealias Hit = TermAutomaton<Value>.Hit

    public let stemmer: Stemmer
    private let root = Node()
    public private(set) var count = 0

    public init(stemmer: Stemmer) {
        self.stemmer = stemmer
    }

    public mutating func insert(_ term: String, value: Value) {
        let words = NameWords.scan(term).map(\.text)
        guard !words.isEmpty else { return }
        var node = root
        for word in words {
            let stem = Inflection.stem(word, with: stemmer)
            if let child = node.next[stem] {
                node = child
            } else {
                let child = Node()
                node.next[stem] = child
                node = child
            }
        }
        node.entries.append(Entry(value: value, words: words))
        count += 1
    }

    /// Matches in `text` (NFC), longest first, never overlapping; offsets in Unicode scalars.
    public func matches(in text: String) -> [Hit] {
        let scalars = Array(text.unicodeScalars)
        let words = NameWords.scan(scalars)
        var stems: [String?] = Array(repeating: nil, count: words.count)
        func stem(_ index: Int) -> String {
            if let known = stems[index] { return known }
            let computed = Inflection.stem(words[index].text, with: stemmer)
            stems[index] = computed
            return computed
        }
        var hits: [Hit] = []
        var start = 0
        while start < words.count {
            var node = root
            var best: (end: Int, values: [Value])?
            var index = start
            while index < words.count, index == start || Self.joined(words[index - 1], words[index], in: scalars),
                let child = node.next[stem(index)]
            {
                node = child
                index += 1
                let surface = words[start..<index].map(\.text)
                let values = node.entries.filter { accepts(surface, as: $0.words) }.map(\.value)
                if !values.isEmpty { best = (index, values) }
            }
            guard let best else {
                start += 1
                continue
            }
            let from = words[start].offset
            let last = words[best.end - 1]
            let to = last.offset + last.length
            hits.append(Hit(offset: from, length: to - from, text: String(String.UnicodeScalarView(scalars[from..<to])), values: best.values))
            start = best.end
        }
        return hits
    }

    /// Two words of one term stand apart only by spaces or a hyphen.
    static func joined(_ first: NameWords.Word, _ second: NameWords.Word, in scalars: [Unicode.Scalar]) -> Bool {
        scalars[(first.offset + first.length)..<second.offset].allSatisfy { $0.properties.isWhitespace || $0 == "-" || $0 == "\u{2010}" }
    }

    func accepts(_ surface: [String], as words: [String]) -> Bool {
        guard surface.count == words.count else { return false }
        for (found, word) in zip(surface, words) {
            if word.first?.isUppercase == true, found.first?.isUppercase != true { return false }
            if !Inflection.isForm(found, of: word, with: stemmer) { return false }
        }
        return true
    }
}
