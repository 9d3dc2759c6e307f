import GlossaModel

/// A storage whose reads go to a read-only replica (a PostgreSQL streaming replica) and whose writes
/// go to the primary. What a write returns comes from the primary; what a read returns is as
/// fresh as the replica, which lags the primary by the time replication takes.
public final class ReadReplicaStorage: Storage {
    public let primary: any Storage
    public let replica: any Storage

    public init(primary: any Storage, replica: any Storage) {
        self.primary = primary
        self.replica = replica
    }

    public var location: String { "\(primary.location) (reads from \(replica.location))" }

    public func close() async throws {
        try await replica.close()
        try await primary.close()
    }

    // MARK: Writes, and the reads a write depends on: the primary

    public func write(
        into memory: Int64, origin: String,
        _ body: (_ insert: ([PreparedUnit]) async throws -> [InsertOutcome]) async throws -> ImportCounts
    ) async throws {
        try await primary.write(into: memory, origin: origin, body)
    }

    public func containsUnit(contentKey: String, memory: Int64) async throws -> Bool {
        try await primary.containsUnit(contentKey: contentKey, memory: memory)
    }

    // Memories change rarely and a request acts on them at once (create, then import into it): the primary.
    public func memories() async throws -> [StoredMemory] { try await primary.memories() }
    public func createMemory(_ settings: MemorySettings) async throws -> StoredMemory { try await primary.createMemory(settings) }
    public func updateMemory(id: Int64, _ settings: MemorySettings) async throws -> StoredMemory? {
        try await primary.updateMemory(id: id, settings)
    }

    public func hasImports() async throws -> Bool { try await primary.hasImports() }

    /// Both: a server whose replica is down cannot answer lookups, so it is not ready.
    public func ping() async throws {
        try await primary.ping()
        try await replica.ping()
    }

    public func deleteUnits(ids: [Int64]) async throws -> Int { try await primary.deleteUnits(ids: ids) }
    public func deleteImport(id: Int64) async throws -> Int? { try await primary.deleteImport(id: id) }
    public func deleteMemory(id: Int64) async throws -> Bool { try await primary.deleteMemory(id: id) }

    public func replaceUnit(id: Int64, with unit: PreparedUnit) async throws -> Bool { try await primary.replaceUnit(id: id, with: unit) }

    /// The primary: an edit reads the unit it is about to replace, which the replica may not have yet.
    public func unit(id: Int64) async throws -> StoredUnit? { try await primary.unit(id: id) }

    /// The primary: a check of the index it writes, not of a copy that lags.
    public func indexedSegments(after id: Int64, limit: Int) async throws -> [IndexedSegment] {
        try await primary.indexedSegments(after: id, limit: limit)
    }

    public func indexedWords(after id: Int64, limit: Int) async throws -> [IndexedWord] { try await primary.indexedWords(after: id, limit: limit) }

    public func writeConcepts<T: Sendable>(
        origin: String, _ body: (_ insert: (PreparedConcept) async throws -> InsertOutcome) async throws -> T
    ) async throws -> T {
        try await primary.writeConcepts(origin: origin, body)
    }

    public func addConcept(_ prepared: PreparedConcept, origin: String) async throws -> ConceptWrite {
        try await primary.addConcept(prepared, origin: origin)
    }

    public func replaceConcept(id: Int64, with prepared: PreparedConcept) async throws -> ConceptWrite {
        try await primary.replaceConcept(id: id, with: prepared)
    }

    public func deleteConcept(id: Int64) async throws -> Bool { try await primary.deleteConcept(id: id) }

    public func createToken(secretHash: String, scope: TokenScope, note: String?) async throws -> AccessTokenRecord {
        try await primary.createToken(secretHash: secretHash, scope: scope, note: note)
    }

    public func revokeToken(id: Int64) async throws -> Bool { try await primary.revokeToken(id: id) }

    public func renameTokens(memory: MemoryName, to newName: MemoryName) async throws -> Int {
        try await primary.renameTokens(memory: memory, to: newName)
    }

    public func revokeTokens(memory: MemoryName) async throws -> Int { try await primary.revokeTokens(memory: memory) }

    /// From the primary, though it is a read: a revocation must hold at once, not once the replica
    /// has replayed it, and a token just made must work on its first request.
    public func token(forSecretHash secretHash: String) async throws -> AccessTokenRecord? {
        try await primary.token(forSecretHash: secretHash)
    }

    // MARK: Reads: the replica

    public func read<T>(_ body: (any TranslationMemoryReader) async throws -> T) async throws -> T { try await replica.read(body) }

    public func forEachUnit(
        withLanguageGroups languageGroups: [String], memories: [Int64]?, _ body: (StoredUnit) async throws -> Void
    ) async throws {
        try await replica.forEachUnit(withLanguageGroups: languageGroups, memories: memories, body)
    }

    public func languages(memories: [Int64]?) async throws -> [LanguageCount] { try await replica.languages(memories: memories) }
    public func statistics(memories: [Int64]?) async throws -> Statistics { try await replica.statistics(memories: memories) }
    public func unitCounts() async throws -> [Int64: Int] { try await replica.unitCounts() }
    public func imports(memories: [Int64]?) async throws -> [ImportRecord] { try await replica.imports(memories: memories) }

    public func terms(withKeys keys: [String], prefix: Bool, limit: Int) async throws -> [KeyHit] {
        try await replica.terms(withKeys: keys, prefix: prefix, limit: limit)
    }

    public func similarTerms(probes: [String], limit: Int) async throws -> [NearHit] {
        try await replica.similarTerms(probes: probes, limit: limit)
    }

    public func concepts(ids: [Int64]) async throws -> [StoredConcept] { try await replica.concepts(ids: ids) }

    public func conceptIDs(after id: Int64, limit: Int) async throws -> [Int64] { try await replica.conceptIDs(after: id, limit: limit) }

    public func glossaryStatistics() async throws -> (concepts: Int, terms: Int) { try await replica.glossaryStatistics() }
    public func allTerms() async throws -> [StoredTerm] { try await replica.allTerms() }
    public func glossaryVersion() async throws -> String { try await replica.glossaryVersion() }
    public func listTokens() async throws -> [AccessTokenRecord] { try await replica.listTokens() }
}
