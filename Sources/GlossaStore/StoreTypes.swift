import GlossaMatching
import GlossaModel
import GlossaText

/// A segment as stored, with the unit it belongs to.
public struct StoredSegment: Sendable, Hashable {
    public let id: Int64
    public let unitID: Int64
    /// The memory its unit belongs to.
    public let memoryID: Int64
    /// The unit's id in its file, if it had one.
    public let tuid: String?
    public let language: LanguageTag
    public let text: String
    public let markup: String
    public let fold: String

    package init(
        id: Int64, unitID: Int64, memoryID: Int64, tuid: String?, language: LanguageTag, text: String, markup: String, fold: String
    ) {
        self.id = id
        self.unitID = unitID
        self.memoryID = memoryID
        self.tuid = tuid
        self.language = language
        self.text = text
        self.markup = markup
        self.fold = fold
    }
}

/// A stored segment with its tokens as the term index holds them, ready to be scored.
public struct ScoringSegment: Sendable {
    public let segment: StoredSegment
    public let tokens: WeightedTokens<Int64>

    package init(segment: StoredSegment, tokens: WeightedTokens<Int64>) {
        self.segment = segment
        self.tokens = tokens
    }
}

/// A unit as stored: its segments in file order and what the file said about it.
public struct StoredUnit: Sendable {
    public let id: Int64
    public let memoryID: Int64
    public let tuid: String?
    public let sourceLanguage: LanguageTag?
    public let origin: String
    public let metadata: Metadata
    public let segments: [(segment: StoredSegment, metadata: Metadata)]

    package init(
        id: Int64, memoryID: Int64, tuid: String?, sourceLanguage: LanguageTag?, origin: String, metadata: Metadata,
        segments: [(segment: StoredSegment, metadata: Metadata)]
    ) {
        self.id = id
        self.memoryID = memoryID
        self.tuid = tuid
        self.sourceLanguage = sourceLanguage
        self.origin = origin
        self.metadata = metadata
        self.segments = segments
    }
}

extension StoredUnit {
    /// The unit as it was imported (its segments that `keep` keeps): markup, metadata and all.
    public func translationUnit(keeping keep: (StoredSegment) -> Bool = { _ in true }) -> TranslationUnit {
        TranslationUnit(
            tuid: tuid, sourceLanguage: sourceLanguage,
            segments: segments.filter { keep($0.segment) }.map {
                Segment(language: $0.segment.language, text: $0.segment.text, markup: $0.segment.markup, metadata: $0.metadata)
            },
            metadata: metadata)
    }
}

/// What an import did, as the import history keeps it.
public struct ImportCounts: Sendable, Hashable, Codable {
    public let read: Int
    public let imported: Int
    public let duplicates: Int
    public let rejected: Int

    public init(read: Int, imported: Int, duplicates: Int, rejected: Int) {
        (self.read, self.imported, self.duplicates, self.rejected) = (read, imported, duplicates, rejected)
    }
}

/// What a store says when asked to insert one unit.
public enum InsertOutcome: Sendable, Equatable {
    case inserted
    /// A unit with the same content is already stored.
    case duplicate
}

/// Units, segments and languages, for `stats` and `/v1/languages`.
public struct LanguageCount: Sendable, Codable, Hashable {
    public let language: LanguageTag
    public let segments: Int

    package init(language: LanguageTag, segments: Int) {
        self.language = language
        self.segments = segments
    }
}

public struct Statistics: Sendable, Codable {
    public let units: Int
    public let segments: Int
    public let languages: [LanguageCount]
    public let imports: Int
    public let databaseBytes: Int
    public let path: String

    package init(units: Int, segments: Int, languages: [LanguageCount], imports: Int, databaseBytes: Int, path: String) {
        self.units = units
        self.segments = segments
        self.languages = languages
        self.imports = imports
        self.databaseBytes = databaseBytes
        self.path = path
    }
}

/// Errors of the store, worded for the person who ran the command or sent the request.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case database(String)
    /// The database cannot be reached now (a server down, a network gone); retrying later may work.
    case unavailable(String)
    /// The transaction lost a race with another writer (a deadlock, a serialization failure) and
    /// was rolled back whole: running it again is safe.
    case conflict(String)
    /// A unit's new content is already stored as another unit (`unitID`): the edit would make
    /// two units of one content key, which the store keeps unique (the API answers 409).
    case duplicateContent(unitID: Int64)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): "cannot open the database '\(path)': \(reason)"
        case .database(let message): "database error: \(message)"
        case .unavailable(let message): "the database is unavailable: \(message)"
        case .conflict(let message): "the write collided with another and was rolled back: \(message)"
        case .duplicateContent(let unitID): "unit \(unitID) already has this content"
        }
    }
}

/// Where translation units live. SQL stays behind this protocol: each engine (SQLite for one
/// file, PostgreSQL for several servers) implements it, and every algorithm stays in the core.
/// Every call is async, so a request's deadline cancels its database work.
public protocol TranslationMemoryStore: Sendable {
    /// Runs `body` in one write transaction: every unit it inserts is kept, or none if it throws.
    /// `insert` takes a batch and says, in order, what became of each unit. The counts `body`
    /// returns go into the database's import history in the same transaction, so the history never
    /// disagrees with the units stored.
    /// Units go into `memory` (content keys are unique within a memory); the import is numbered
    /// first, and every unit it adds records that number (see `imports`).
    func write(
        into memory: Int64, origin: String,
        _ body: (_ insert: ([PreparedUnit]) async throws -> [InsertOutcome]) async throws -> ImportCounts
    ) async throws
    /// Whether `memory` holds a unit with this content key (for dry runs).
    func containsUnit(contentKey: String, memory: Int64) async throws -> Bool
    /// Runs `body` with the reads of a lookup or a concordance search.
    func read<T>(_ body: (any TranslationMemoryReader) async throws -> T) async throws -> T
    /// Every unit of `memories` (of every memory when nil), in import order, that has segments in
    /// all of `languageGroups` (all units when empty).
    func forEachUnit(
        withLanguageGroups languageGroups: [String], memories: [Int64]?, _ body: (StoredUnit) async throws -> Void
    ) async throws
    /// Segments per language in `memories` (in every memory when nil).
    func languages(memories: [Int64]?) async throws -> [LanguageCount]
    /// Counts over `memories` (every memory when nil).
    func statistics(memories: [Int64]?) async throws -> Statistics

    // Memories (see Memory.swift).
    func memories() async throws -> [StoredMemory]
    /// Throws `MemoryError.exists` when the name is taken.
    func createMemory(_ settings: MemorySettings) async throws -> StoredMemory
    /// Replaces the settings (a new name renames it); nil when there is no such memory.
    func updateMemory(id: Int64, _ settings: MemorySettings) async throws -> StoredMemory?
    /// Units per memory id (memories without units left out).
    func unitCounts() async throws -> [Int64: Int]
    /// The import history of `memories` (of every memory when nil), newest first.
    func imports(memories: [Int64]?) async throws -> [ImportRecord]
    /// Whether anything was ever imported (a new database gets the sample data).
    func hasImports() async throws -> Bool
    /// Returns when every database the store reads or writes answers (for readiness checks).
    func ping() async throws

    // MARK: Maintenance (see TermIndexRemoval: no posting outlives its segment)

    /// Removes the units with these ids, their segments and every posting of those segments, in
    /// one transaction; returns how many units there were (ids not stored are ignored).
    func deleteUnits(ids: [Int64]) async throws -> Int
    /// Undoes an import in one transaction: removes the units it added (not those another import
    /// had stored already) with their index entries, and its line of the import history. Nil when
    /// there is no such import; else the units removed.
    func deleteImport(id: Int64) async throws -> Int?
    /// Removes a memory in one transaction: its units with their index entries, its import history,
    /// and its tokens (revoked). False when there is no such memory.
    func deleteMemory(id: Int64) async throws -> Bool
    /// Replaces a unit's content in one transaction, keeping its id (and its tuid and origin when
    /// `unit` has no tuid): its segments are written anew and indexed again. False when there is
    /// no such unit; throws `StoreError.duplicateContent` when another unit has the new content.
    func replaceUnit(id: Int64, with unit: PreparedUnit) async throws -> Bool
    /// One unit with its segments, as the primary database holds it.
    func unit(id: Int64) async throws -> StoredUnit?
    /// Segments after `id` in id order, at most `limit`, with their indexed tokens (for TermIndexCheck).
    func indexedSegments(after id: Int64, limit: Int) async throws -> [IndexedSegment]
    /// Words of the term index after `id` in id order, at most `limit`, each with its posting
    /// blocks: every vocabulary entry, and any posting block whose word the vocabulary lacks.
    func indexedWords(after id: Int64, limit: Int) async throws -> [IndexedWord]
}

/// The reads of lookups and concordance searches (see `TranslationMemoryStore.read`). Units are
/// added, replaced and removed whole, each in one transaction together with their postings, so a
/// posting names a segment that is stored, and a segment's unit holds all its segments; a unit
/// removed between two reads is missing from the second (the use cases skip what they cannot find).
public protocol TranslationMemoryReader: Sendable {
    /// Segments of `languageGroup` whose fold key is `fold`.
    func segments(withFold fold: String, languageGroup: String, limit: Int) async throws -> [StoredSegment]
    /// All segments of the given units.
    func segments(ofUnits unitIDs: [Int64]) async throws -> [StoredSegment]
    /// The tokens of a query as the term index of `languageGroup` knows them (see TermIndex).
    func indexedTokens(of tokens: [Token], languageGroup: String) async throws -> [TermIndex.Token]
    /// The vocabulary entries with one of `texts`, in `languageGroup` or in every group.
    func vocabulary(texts: [String], languageGroup: String?) async throws -> [TermIndex.Entry]
    /// The segments holding each word, in id order: one list per id, in the order given.
    func postings(ofTokens ids: [Int64]) async throws -> [[TermIndex.Posting]]
    /// Segments with their indexed tokens, in any order.
    func scoringSegments(ids: [Int64]) async throws -> [ScoringSegment]
    /// The memory, import and metadata of units, in any order.
    func unitRecords(ids: [Int64]) async throws -> [UnitRecord]
    /// Both of the above for the same units, in one read where the engine can.
    func units(ids: [Int64]) async throws -> (segments: [StoredSegment], records: [UnitRecord])
}

extension TranslationMemoryReader {
    public func units(ids: [Int64]) async throws -> (segments: [StoredSegment], records: [UnitRecord]) {
        (try await segments(ofUnits: ids), try await unitRecords(ids: ids))
    }
}
