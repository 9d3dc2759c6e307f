import GlossaModel
import GlossaText

/// The search keys of one term (see `SearchKeys`): what a store indexes it under.
public struct TermKeys: Sendable {
    public let keys: Set<SearchKeys.Key>
    public let near: Set<SearchKeys.NearKey>

    public init(_ term: Term) {
        keys = SearchKeys.keys(for: term.text, language: term.language)
        near = SearchKeys.nearKeys(for: term.text, keys: keys)
    }
}

/// A concept with the keys of each of its terms, computed in the core before it reaches a store,
/// so that every engine stores the same keys.
public struct PreparedConcept: Sendable {
    public let concept: Concept
    /// By term, in the concept's order.
    public let termKeys: [TermKeys]

    public init(_ concept: Concept) {
        self.concept = concept
        termKeys = concept.terms.map(TermKeys.init)
    }

    /// A concept without keys, for a dry run that stores nothing.
    init(unkeyed concept: Concept) {
        self.concept = concept
        termKeys = []
    }
}
