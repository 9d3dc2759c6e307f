import GlossaText

/// How a glossary recommends a term (TBX `administrativeStatus` / `normativeAuthorization`).
public enum TermStatus: String, Sendable, Hashable, Codable, DeclarationOrdered {
    case preferred
    case admitted
    /// Superseded or advised against; still found, pointing to the preferred term.
    case deprecated
    /// Must not be used.
    case forbidden
}

/// One designation of a concept in one language.
public struct Term: Sendable, Hashable, Codable {
    public var text: String
    public var language: LanguageTag
    public var status: TermStatus
    public var partOfSpeech: String?
    public var note: String?

    public init(
        text: String, language: LanguageTag, status: TermStatus = .admitted,
        partOfSpeech: String? = nil, note: String? = nil
    ) {
        self.text = text
        self.language = language
        self.status = status
        self.partOfSpeech = partOfSpeech
        self.note = note
    }
}

/// A glossary entry: one concept (a person, place, organization, event or notion) with its terms
/// in many languages, several per language allowed (full name, short name, former spelling).
public struct Concept: Sendable, Hashable, Codable {
    /// The entry's id in its file (`conceptEntry/@id`, `termEntry/@id`), if any.
    public var id: String?
    /// Subject field, such as `person`, `place`, `organization`.
    public var domain: String?
    public var definition: String?
    public var note: String?
    /// Where the entry comes from.
    public var source: String?
    public var terms: [Term]
    /// Line of the entry in its file, for reports.
    public var line: Int

    public init(
        id: String? = nil, domain: String? = nil, definition: String? = nil, note: String? = nil,
        source: String? = nil, terms: [Term], line: Int = 0
    ) {
        self.id = id
        self.domain = domain
        self.definition = definition
        self.note = note
        self.source = source
        self.terms = terms
        self.line = line
    }

    /// Identity by content: the terms (language, text, status) in a fixed order.
    public var contentKey: String {
        ContentHash.sha256(
            terms.map { "\($0.language.canonical)\u{1F}\($0.text)\u{1F}\($0.status.rawValue)" }
                .sorted().joined(separator: "\u{1E}"))
    }

    /// The term to use in `language`: the best-status term of that exact language.
    public func preferredTerm(in language: LanguageTag) -> Term? {
        terms.filter { $0.language == language }.min { $0.status < $1.status }
    }
}
