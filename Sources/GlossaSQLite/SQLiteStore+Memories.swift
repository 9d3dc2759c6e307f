import Foundation
internal import GRDB
import GlossaStore

/// Named memories and the import history (see Memory.swift).
extension SQLiteStore {
    static let defaultMemoryID: Int64 = 1

    public func memories() async throws -> [StoredMemory] {
        try await mapErrors {
            try await pool.quickRead { db in
                try MemoryRecord.order(MemoryRecord.Columns.name).fetchAll(db).compactMap(\.memory)
            }
        }
    }

    public func createMemory(_ settings: MemorySettings) async throws -> StoredMemory {
        try await mapErrors {
            try await pool.write { db in
                if try MemoryRecord.filter(MemoryRecord.Columns.name == settings.name.value).fetchCount(db) > 0 {
                    throw MemoryError.exists(settings.name.value)
                }
                var record = MemoryRecord(settings)
                try record.insert(db)
                return try MemoryRecord.fetchOne(db, key: record.id)?.memory ?? { throw StoreError.database("the new memory vanished") }()
            }
        }
    }

    public func updateMemory(id: Int64, _ settings: MemorySettings) async throws -> StoredMemory? {
        try await mapErrors {
            try await pool.write { db in
                guard var record = try MemoryRecord.fetchOne(db, key: id) else { return nil }
                if try MemoryRecord.filter(MemoryRecord.Columns.name == settings.name.value && MemoryRecord.Columns.id != id).fetchCount(db) > 0 {
                    throw MemoryError.exists(settings.name.value)
                }
                let oldName = record.name
                record.update(with: settings)
                try record.update(db)
                // Its tokens follow it (they name the memory).
                try db.execute(
                    sql: "UPDATE access_token SET memory = ? WHERE scope = 'memory' AND memory = ?", arguments: [record.name, oldName])
                return record.memory
            }
        }
    }

    public func unitCounts() async throws -> [Int64: Int] {
        try await mapErrors {
            try await pool.read { db in
                var counts: [Int64: Int] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT memory_id, count(*) FROM unit GROUP BY memory_id") { counts[row[0]] = row[1] }
                return counts
            }
        }
    }

    public func imports(memories: [Int64]?) async throws -> [ImportRecord] {
        try await mapErrors {
            try await pool.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT id, origin, memory_id, finished_at, units_read, imported, duplicates, rejected FROM import_log
                        \(memories == nil ? "" : "WHERE memory_id IN (SELECT value FROM json_each(?))") ORDER BY id DESC
                        """, arguments: memories.map { [Self.jsonList($0)] } ?? []
                ).map { row in
                    ImportRecord(
                        id: row["id"], origin: row["origin"], memoryID: row["memory_id"], finishedAt: row["finished_at"],
                        counts: ImportCounts(
                            read: row["units_read"], imported: row["imported"], duplicates: row["duplicates"], rejected: row["rejected"]))
                }
            }
        }
    }
}

/// A row of `memory`.
struct MemoryRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "memory"

    var id: Int64?
    var name: String
    var description: String?
    var client: String?
    var domain: String?
    var project: String?
    var penalty: Int
    var `public`: Bool
    var createdAt: String?

    enum CodingKeys: String, CodingKey {
        case id, name, description, client, domain, project, penalty, `public`
        case createdAt = "created_at"
    }

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let name = Column(CodingKeys.name)
    }

    init(_ settings: MemorySettings) {
        name = settings.name.value
        penalty = settings.penalty
        `public` = settings.isPublic
        update(with: settings)
    }

    mutating func update(with settings: MemorySettings) {
        name = settings.name.value
        description = settings.description
        client = settings.client
        domain = settings.domain
        project = settings.project
        penalty = settings.penalty
        `public` = settings.isPublic
    }

    func encode(to container: inout PersistenceContainer) {
        container[Columns.id] = id
        container[Columns.name] = name
        container["description"] = description
        container["client"] = client
        container["domain"] = domain
        container["project"] = project
        container["penalty"] = penalty
        container["public"] = `public`
        // created_at: the table's default.
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// Nil for a row no current build could have written (a name that is no slug).
    var memory: StoredMemory? {
        guard let id, let name = try? MemoryName(name),
            let settings = try? MemorySettings(
                name: name, description: description, client: client, domain: domain, project: project, penalty: penalty, isPublic: `public`)
        else { return nil }
        return StoredMemory(id: id, settings: settings, createdAt: createdAt ?? "")
    }
}
