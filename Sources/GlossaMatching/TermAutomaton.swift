/// Finds known terms in running text in one pass: a trie over the terms' folded scalars, walked
/// from each possible start, longest match first, matches never overlapping.
///
/// Folding is per scalar (lower case, whitespace runs as one space), so every match maps back to
/// exact offsets in the text. Spaced scripts match whole words only; Chinese and Japanese, which
/// have no spaces, match anywhere.
public struct TermAutomaton<Value: Sendable>: Sendable {
    private final class Node: @unchecked Sendable {
        var next: [Unicode.Scalar: Node] = [:]
        var values: [Value] = []
    }

    /// A term found in a text: its range in Unicode scalars of the (NFC) text, and its values.
    public struct Hit: Sendable {
        public let offset: Int
        public let length: Int
        public let text: String
        public let values: [Value]
    }

    private let root = Node()
    public private(set) var count = 0

    public init() {}

    public mutating func insert(_ term: String, value: Value) {
        let folded = Self.fold(Array(term.unicodeScalars)).scalars
        guard !folded.isEmpty else { return }
        var node = root
        for scalar in folded {
            if let child = node.next[scalar] {
                node = child
            } else {
                let child = Node()
                node.next[scalar] = child
                node = child
            }
        }
        node.values.append(value)
        count += 1
    }

    public func matches(in text: String) -> [Hit] {
        let original = Array(text.unicodeScalars)
        let (folded, origin) = Self.fold(original)
        var hits: [Hit] = []
        var start = 0
        while start < folded.count {
            guard Self.canStart(at: start, in: folded) else {
                start += 1
                continue
            }
            var node = root
            var best: (end: Int, values: [Value])?
            var index = start
            while index < folded.count, let child = node.next[folded[index]] {
                node = child
                index += 1
                if !node.values.isEmpty, Self.canEnd(at: index, in: folded) { best = (index, node.values) }
            }
            guard let best else {
                start += 1
                continue
            }
            let from = origin[start]
            let to = best.end < origin.count ? origin[best.end] : original.count
            let scalars = original[from..<to]
            hits.append(Hit(offset: from, length: to - from, text: String(String.UnicodeScalarView(scalars)), values: best.values))
            start = best.end
        }
        return hits
    }

    /// Folded scalars and, for each, the index of the original scalar it came from.
    static func fold(_ scalars: [Unicode.Scalar]) -> (scalars: [Unicode.Scalar], origin: [Int]) {
        var folded: [Unicode.Scalar] = []
        var origin: [Int] = []
        folded.reserveCapacity(scalars.count)
        for (index, scalar) in scalars.enumerated() {
            if scalar.properties.isWhitespace {
                if folded.last != " " {
                    folded.append(" ")
                    origin.append(index)
                }
                continue
            }
            for lower in scalar.properties.lowercaseMapping.unicodeScalars {
                folded.append(lower)
                origin.append(index)
            }
        }
        // Trailing and leading spaces never belong to a term.
        return (folded, origin)
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// Ideographs and kana: scripts written without spaces.
    static func isUnspaced(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isIdeographic || (0x3040...0x30FF).contains(scalar.value)
    }

    static func canStart(at index: Int, in scalars: [Unicode.Scalar]) -> Bool {
        let scalar = scalars[index]
        if scalar == " " { return false }
        if index == 0 || isUnspaced(scalar) { return true }
        return !isWordScalar(scalars[index - 1]) || isUnspaced(scalars[index - 1])
    }

    static func canEnd(at end: Int, in scalars: [Unicode.Scalar]) -> Bool {
        if end == scalars.count || isUnspaced(scalars[end - 1]) { return true }
        return !isWordScalar(scalars[end]) || isUnspaced(scalars[end])
    }
}
