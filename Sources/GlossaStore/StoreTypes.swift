import GlossaMatching
import GlossaModel
import GlossaText

/// A segment as stored, with the unit it belongs to.
public struct StoredSegment: Sendable, Hashable {
    public let id: Int64
    public let unitID: Int64
    /// The unit's id in its file, if it had one.
    public let tuid: String?
    public let language: LanguageTag
    public let text: String
    public let markup: String
    public let fold: String
}

/// A stored segment with its tokens as the term index holds them, ready to be scored.
public struct ScoringSegment: Sendable {
    public let segment: StoredSegment
    public let tokens: WeightedTokens<Int64>
}

/// A unit as stored: its segments in file order and what the file said about it.
public struct StoredUnit: Sendable {
    public let id: Int64
    public let tuid: String?
    public let sourceLanguage: LanguageTag?
    public let origin: String
    public let metadata: Metadata
    public let segments: [(segment: StoredSegment, metadata: Metadata)]
}

/// What an import did, as the import history keeps it.
public struct ImportCounts: Sendable, Equatable {
    public let read: Int
    public let imported: Int
    public let duplicates: Int
    public let rejected: Int

    public init(read: Int, imported: Int, duplicates: Int, rejected: Int) {
        (self.read, self.imported, self.duplicates, self.rejected) = (read, imported, duplicates, rejected)
    }
}

/// What a store says when asked to insert one unit.
public enum InsertOutcome: Sendable {
    case inserted
    /// A unit with the same content is already stored.
    case duplicate
}

/// Units, segments and languages, for `stats` and `/v1/languages`.
public struct LanguageCount: Sendable, Codable, Hashable {
    public let language: LanguageTag
    public let segments: Int
}

public struct Statistics: Sendable, Codable {
    public let units: Int
    public let segments: Int
    public let languages: [LanguageCount]
    public let imports: Int
    public let databaseBytes: Int
    public let path: String
}

/// Errors of the store, worded for the person who ran the command or sent the request.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case database(String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): "cannot open the database '\(path)': \(reason)"
        case .database(let message): "database error: \(message)"
        }
    }
}

/// Where translation units live. SQL stays behind this protocol so that another backend
/// (PostgreSQL for several nodes) can take SQLite's place.
public protocol TranslationMemoryStore: Sendable {
    /// Runs `body` in one write transaction: every unit it inserts is kept, or none if it throws.
    /// The counts it returns go into the database's import history in the same transaction, so the
    /// history never disagrees with the units stored.
    func write(origin: String, _ body: (_ insert: (PreparedUnit) throws -> InsertOutcome) throws -> ImportCounts) throws
    /// Whether a unit with this content key is stored (for dry runs).
    func containsUnit(contentKey: String) throws -> Bool
    /// Runs `body` on one consistent snapshot of the memory (a lookup reads several times).
    func read<T>(_ body: (any TranslationMemoryReader) throws -> T) throws -> T
    /// Segments of `languageGroup` containing the words of `phrase` in order.
    func segments(containingPhrase phrase: [String], languageGroup: String?, limit: Int, offset: Int) throws -> [StoredSegment]
    /// Every unit, in import order, that has segments in all of `languageGroups` (all units when empty).
    func forEachUnit(withLanguageGroups languageGroups: [String], _ body: (StoredUnit) throws -> Void) throws
    func languages() throws -> [LanguageCount]
    func statistics() throws -> Statistics
    /// Whether anything was ever imported (a new database gets the sample data).
    func hasImports() throws -> Bool
}

/// Reads of a lookup, inside one read transaction of the store (see `TranslationMemoryStore.read`).
public protocol TranslationMemoryReader {
    /// Segments of `languageGroup` whose fold key is `fold`.
    func segments(withFold fold: String, languageGroup: String, limit: Int) throws -> [StoredSegment]
    /// All segments of the given units.
    func segments(ofUnits unitIDs: [Int64]) throws -> [StoredSegment]
    /// The tokens of a query as the term index of `languageGroup` knows them (see TermIndex).
    func indexedTokens(of tokens: [Token], languageGroup: String) throws -> [TermIndex.Token]
    /// The segments holding a word, in id order.
    func postings(ofToken id: Int64) throws -> [TermIndex.Posting]
    /// Segments with their indexed tokens, in any order.
    func scoringSegments(ids: [Int64]) throws -> [ScoringSegment]
}
