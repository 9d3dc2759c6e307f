import GlossaFormats
import GlossaMatching
import GlossaModel
import GlossaText

/// A query in which a client replaced inline codes by tokens before sending it, and maps them back
/// in the answer: Weblate writes `[X6X]` (`[X`, the offset of the tag in its text, `X]`) for each
/// HTML/XML tag, and for each placeholder of a format it knows; Okapi's connector, with codes
/// supported, writes its letter codes (`<g1>`, `</g1>`, `<x2/>`, `<b3/>`, `<e3/>`). The tokens are inline codes:
/// they are left out of the text that is matched (stored segments are matched without their codes
/// too), and put back into a match whose segments hold as many codes, each where its code is. A
/// placeholder that a stored segment holds as text (`%(name)s`, `{0}`: see `FormatPlaceholders`)
/// takes a token as a code does, and the match is scored without it.
public struct TokenizedText: Sendable, Equatable {
    /// The text without its tokens (whitespace around a token counted once): what is matched.
    public let plain: String
    /// The tokens, in order.
    public let tokens: [String]
    /// The text between the tokens, each piece as it was.
    let literals: [String]

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
        literals = pieces
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

    /// A match's source and target as the client should get them, and its score: the query's
    /// tokens in place of the segments' inline codes when both segments hold as many codes, else
    /// in place of their codes and format placeholders together when those are as many (the score
    /// then leaves the placeholders out, as it leaves out the tokens), else the plain texts as
    /// they were scored. A target's code takes the token of the source's code with the same key
    /// (TMX `x`), in order when the keys differ; a target's placeholder the token of the same
    /// placeholder in the source.
    public func restore(_ match: Match) -> TokenizedMatch {
        let plainMatch = TokenizedMatch(source: match.source.text, target: match.target.text, score: match.score)
        guard !tokens.isEmpty else { return plainMatch }
        let source = Slotted(match.source), target = Slotted(match.target)
        for withPlaceholders in [false, true] {
            let sourceSlots = source.slots(withPlaceholders: withPlaceholders)
            let targetSlots = target.slots(withPlaceholders: withPlaceholders)
            guard sourceSlots.count == tokens.count, targetSlots.count == tokens.count,
                let targetTokens = Self.assign(tokens, from: sourceSlots, to: targetSlots)
            else { continue }
            let restoredSource = source.text(withPlaceholders: withPlaceholders, tokens: tokens)
            let restoredTarget = target.text(withPlaceholders: withPlaceholders, tokens: targetTokens)
            var score = match.score
            if withPlaceholders, sourceSlots.contains(where: \.isPlaceholder) {
                // Scored again without the placeholders, which the query's plain text lacks too.
                let candidate = TokenizedText(restoredSource).plain
                guard let rescored = MatchScore.compute(query: ComparableText(plain), candidate: ComparableText(candidate)) else { continue }
                score = rescored.penalized(by: match.score.penalty)
            }
            return TokenizedMatch(source: restoredSource, target: restoredTarget, score: score)
        }
        return plainMatch
    }

    /// The tokens of the target's slots: each takes the next token of a source slot with its key;
    /// when that leaves one out, codes are taken in order. Nil when placeholders do not pair.
    private static func assign(_ tokens: [String], from source: [Slot], to target: [Slot]) -> [String]? {
        var queues: [Slot: [String]] = [:]
        for (slot, token) in zip(source, tokens) { queues[slot, default: []].append(token) }
        var assigned: [String] = []
        for slot in target {
            guard var queue = queues[slot], !queue.isEmpty else { break }
            assigned.append(queue.removeFirst())
            queues[slot] = queue
        }
        if assigned.count == target.count { return assigned }
        // Codes whose keys differ between the segments (numbered apart, no `x`) pair in order.
        return (source + target).contains(where: \.isPlaceholder) ? nil : tokens
    }

    /// What a token stands for in a stored segment.
    fileprivate enum Slot: Hashable {
        case code(key: String)
        case placeholder(String)

        var isPlaceholder: Bool {
            if case .placeholder = self { true } else { false }
        }
    }

    /// A stored segment as text, inline codes and, in its text, format placeholders.
    private struct Slotted {
        enum Piece {
            case text(String)
            case slot(Slot)
        }

        let pieces: [Piece]

        init(_ segment: MatchedSegment) {
            let parts = segment.markup.map { TMXInlineCodes(markup: $0).parts } ?? [.text(segment.text)]
            pieces = parts.flatMap { part -> [Piece] in
                switch part {
                case .code(let key): return [.slot(.code(key: key))]
                case .text(let text):
                    var pieces: [Piece] = []
                    var start = text.startIndex
                    for range in FormatPlaceholders.ranges(in: text) {
                        if start < range.lowerBound { pieces.append(.text(String(text[start..<range.lowerBound]))) }
                        pieces.append(.slot(.placeholder(String(text[range]))))
                        start = range.upperBound
                    }
                    if start < text.endIndex { pieces.append(.text(String(text[start...]))) }
                    return pieces
                }
            }
        }

        func slots(withPlaceholders: Bool) -> [Slot] {
            pieces.compactMap { piece in
                guard case .slot(let slot) = piece, withPlaceholders || !slot.isPlaceholder else { return nil }
                return slot
            }
        }

        /// The text with the `n`th slot written as `tokens[n]` (placeholders as text when they are not slots).
        func text(withPlaceholders: Bool, tokens: [String]) -> String {
            var output = ""
            var next = 0
            for piece in pieces {
                switch piece {
                case .text(let text): output += text
                case .slot(.placeholder(let text)) where !withPlaceholders: output += text
                case .slot:
                    output += tokens[next]
                    next += 1
                }
            }
            return output
        }
    }
}

/// A match as a client that sent tokens gets it.
public struct TokenizedMatch: Sendable, Equatable {
    public let source: String
    public let target: String
    public let score: MatchScore

    public init(source: String, target: String, score: MatchScore) {
        self.source = source
        self.target = target
        self.score = score
    }
}

extension TranslationMemory {
    /// Words in each phrase a tokenized query's placeholder matches are looked for by.
    static let placeholderPhraseWords = 3
    /// Phrases looked for (the cheapest first: see `placeholderPhrases`), and units read for each.
    static let placeholderPhrases = 3
    static let placeholderCandidates = 50

    /// Matches for a query whose text holds a client's tokens (`TokenizedText`), with the tokens
    /// put back, best first, `query.minimum` and `query.limit` applied to the scores that leave
    /// placeholders out. The lookup of the plain text misses a segment holding placeholders where
    /// the query has tokens (they lower its score), so such segments are looked for apart: among
    /// the units that contain a few words in a row of the text between the tokens (concordance
    /// searches, which cost far less than a lookup with a lower minimum), those with placeholders.
    /// A text of tokens and white space alone has no match.
    public func lookup(tokenized query: LookupQuery) async throws -> [TokenizedMatch] {
        let tokenized = TokenizedText(query.text)
        guard !tokenized.plain.allSatisfy(\.isWhitespace) else { return [] }
        var plainQuery = query
        plainQuery.text = tokenized.plain
        var found = try await lookup(plainQuery).map { (unit: $0.unitID, match: tokenized.restore($0)) }
        if !tokenized.tokens.isEmpty { found += try await placeholderMatches(tokenized, query) }
        var best: [Int64: Int] = [:]
        for (index, candidate) in found.enumerated() where candidate.match.score.value >= query.minimum {
            if let kept = best[candidate.unit], found[kept].match.score.value >= candidate.match.score.value { continue }
            best[candidate.unit] = index
        }
        let ranked = best.values.sorted { (found[$0].match.score.value, -$0) > (found[$1].match.score.value, -$1) }
        return ranked.prefix(query.limit).map { found[$0].match }
    }

    /// Units whose source holds format placeholders where the query has tokens, scored without them.
    private func placeholderMatches(_ tokenized: TokenizedText, _ query: LookupQuery) async throws -> [(unit: Int64, match: TokenizedMatch)] {
        let plain = ComparableText(tokenized.plain)
        // Hits name their memory; the scope keeps penalties by memory id.
        var penalties: [MemoryName: Int] = [:]
        if let scope = query.scope {
            for memory in scope.memories.values { penalties[memory.name] = scope.penalties[memory.id] }
        }
        var seen = Set<Int64>()
        var matches: [(unit: Int64, match: TokenizedMatch)] = []
        for phrase in try await placeholderPhrases(tokenized, source: query.source) {
            let hits = try await concordance(
                phrase, language: query.source, target: query.target, limit: Self.placeholderCandidates, scope: query.scope)
            for hit in hits where seen.insert(hit.unitID).inserted {
                guard let translation = hit.translations.first, !FormatPlaceholders.ranges(in: hit.segment.text).isEmpty,
                    let raw = MatchScore.compute(query: plain, candidate: ComparableText(hit.segment.text))
                else { continue }
                let penalty = hit.provenance?.memory.flatMap { penalties[$0] } ?? 0
                let match = Match(
                    score: raw.penalized(by: penalty), source: hit.segment, target: translation, unitID: hit.unitID, tuid: hit.tuid,
                    provenance: hit.provenance, occurrences: 1, alternatives: nil)
                let restored = tokenized.restore(match)
                // Only what the placeholders lift: the lookup of the plain text found the rest.
                if restored.score.value > match.score.value { matches.append((hit.unitID, restored)) }
            }
        }
        return matches
    }

    /// Runs of `placeholderPhraseWords` words (fold keys) of the text between the tokens, the
    /// cheapest to search first (fewest segments holding their words, so that a run of common
    /// words is not read through), each word known in the source language: an edit in one run
    /// leaves the others to find a near match by. Single words only when there is nothing longer.
    private func placeholderPhrases(_ tokenized: TokenizedText, source: LanguageTag) async throws -> [String] {
        let runs = tokenized.literals.flatMap { literal -> [[String]] in
            let words = WordTokenizer.words(Normalization.foldKey(literal))
            return stride(from: 0, to: words.count, by: Self.placeholderPhraseWords).map {
                Array(words[$0..<min($0 + Self.placeholderPhraseWords, words.count)])
            }
        }
        let longer = runs.filter { $0.count > 1 }
        let candidates = longer.isEmpty ? runs : longer
        let group = source.fallbackGroup
        let entries = try await store.read { reader in
            try await reader.vocabulary(texts: Array(Set(candidates.joined())), languageGroup: group)
        }
        let segments = Dictionary(entries.map { ($0.text, $0.segments) }, uniquingKeysWith: +)
        let known = candidates.compactMap { run -> (run: [String], cost: Int)? in
            let counts = run.compactMap { segments[$0] }
            return counts.count == run.count ? (run, counts.reduce(0, +)) : nil
        }
        return known.sorted { $0.cost < $1.cost }.prefix(Self.placeholderPhrases).map { $0.run.joined(separator: " ") }
    }
}
