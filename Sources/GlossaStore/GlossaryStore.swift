import GlossaModel
import GlossaText

/// A term as stored, with its concept.
public struct StoredTerm: Sendable, Hashable {
    public let id: Int64
    public let conceptID: Int64
    public let term: Term

    package init(id: Int64, conceptID: Int64, term: Term) {
        self.id = id
        self.conceptID = conceptID
        self.term = term
    }
}

public struct StoredConcept: Sendable {
    public let id: Int64
    public let concept: Concept
    public let origin: String
    /// The concept's terms with their ids, in file order.
    public let terms: [StoredTerm]

    package init(id: Int64, concept: Concept, origin: String, terms: [StoredTerm]) {
        self.id = id
        self.concept = concept
        self.origin = origin
        self.terms = terms
    }
}

/// A term found under a search key.
public struct KeyHit: Sendable, Hashable {
    public let termID: Int64
    public let conceptID: Int64
    public let kind: SearchKeys.Kind
    public let key: String
    /// The term's text and status: enough to rank a hit before its concept is read.
    public let text: String
    public let status: TermStatus

    package init(termID: Int64, conceptID: Int64, kind: SearchKeys.Kind, key: String, text: String, status: TermStatus) {
        self.termID = termID
        self.conceptID = conceptID
        self.kind = kind
        self.key = key
        self.text = text
        self.status = status
    }
}

/// A term found under a near key: its Latin key is within a letter or two of the query's.
public struct NearHit: Sendable, Hashable {
    public let termID: Int64
    public let conceptID: Int64
    /// The term's Latin key the probe came from.
    public let key: String
    public let text: String
    public let status: TermStatus

    package init(termID: Int64, conceptID: Int64, key: String, text: String, status: TermStatus) {
        self.termID = termID
        self.conceptID = conceptID
        self.key = key
        self.text = text
        self.status = status
    }
}

/// What a write of one concept did.
public enum ConceptWrite: Sendable {
    /// The concept as stored, read in the write's own transaction (a read replica may lag).
    case done(StoredConcept)
    /// Another concept already has exactly these terms.
    case duplicateOf(Int64)
    case notFound
}

/// Where glossary concepts live; SQL stays behind this protocol as for the translation memory.
public protocol GlossaryStore: Sendable {
    /// Runs `body` in one write transaction; concepts already stored (same terms) are duplicates.
    func writeConcepts<T: Sendable>(
        origin: String, _ body: (_ insert: (PreparedConcept) async throws -> InsertOutcome) async throws -> T
    ) async throws -> T
    /// Adds one concept, unless one with the same terms exists.
    func addConcept(_ prepared: PreparedConcept, origin: String) async throws -> ConceptWrite
    /// Replaces a concept's fields and terms, keeping its id.
    func replaceConcept(id: Int64, with prepared: PreparedConcept) async throws -> ConceptWrite
    /// Removes a concept and its terms; false when there was none.
    func deleteConcept(id: Int64) async throws -> Bool
    /// Terms with one of the search keys (or, with `prefix`, a key starting with one), any kind,
    /// at most `limit` per key, in one read.
    func terms(withKeys keys: [String], prefix: Bool, limit: Int) async throws -> [KeyHit]
    /// Terms with a near key among `probes` (see `SearchKeys.nearKeys`), at most `limit`, in one read.
    func similarTerms(probes: [String], limit: Int) async throws -> [NearHit]
    func concepts(ids: [Int64]) async throws -> [StoredConcept]
    /// Concept ids in import order, after `id`, at most `limit` (for paging through the glossary).
    func conceptIDs(after id: Int64, limit: Int) async throws -> [Int64]
    func glossaryStatistics() async throws -> (concepts: Int, terms: Int)
    /// Every term, for building in-memory matchers.
    func allTerms() async throws -> [StoredTerm]
    /// Changes whenever terms are added or removed (a matcher built before is then stale).
    func glossaryVersion() async throws -> String
}

/// A database holding a translation memory and a glossary: what the server and the CLI open
/// (and the access tokens that open it to callers other than the admin).
public protocol Storage: TranslationMemoryStore, GlossaryStore, AccessTokenStore {
    /// Where it is, for `stats` and logs: a path, or a URL without its password.
    var location: String { get }
    /// Finishes what is running and closes the database; the storage is not used afterwards.
    func close() async throws
}
