import Foundation
import GlossaStore
import PostgresNIO

/// Named memories and the import history (see Memory.swift).
extension PostgresStore {
    static let defaultMemoryID: Int64 = 1

    private static let memoryColumns = """
        id, name, description, client, domain, project, penalty, public, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
        """

    private typealias MemoryRow = (Int64, String, String?, String?, String?, String?, Int, Bool, String)

    private static func memory(_ row: MemoryRow) -> StoredMemory? {
        guard let name = try? MemoryName(row.1),
            let settings = try? MemorySettings(
                name: name, description: row.2, client: row.3, domain: row.4, project: row.5, penalty: row.6, isPublic: row.7)
        else { return nil }
        return StoredMemory(id: row.0, settings: settings, createdAt: row.8)
    }

    public func memories() async throws -> [StoredMemory] {
        try await guarded {
            var memories: [StoredMemory] = []
            let rows = try await client.run("SELECT \(unescaped: Self.memoryColumns) FROM memory ORDER BY name COLLATE \"C\"", logger: logger)
            for try await row in rows.decode(MemoryRow.self) { if let memory = Self.memory(row) { memories.append(memory) } }
            return memories
        }
    }

    public func createMemory(_ settings: MemorySettings) async throws -> StoredMemory {
        let rows = try await guarded {
            try await client.run(
                """
                INSERT INTO memory (name, description, client, domain, project, penalty, public)
                VALUES (\(settings.name.value), \(settings.description), \(settings.client), \(settings.domain), \(settings.project),
                    \(settings.penalty), \(settings.isPublic))
                ON CONFLICT (name) DO NOTHING
                RETURNING \(unescaped: Self.memoryColumns)
                """, logger: logger)
        }
        for try await row in rows.decode(MemoryRow.self) { if let memory = Self.memory(row) { return memory } }
        throw MemoryError.exists(settings.name.value)
    }

    public func updateMemory(id: Int64, _ settings: MemorySettings) async throws -> StoredMemory? {
        try await guarded {
            var taken = false
            for try await _ in try await client.run(
                "SELECT 1 FROM memory WHERE name = \(settings.name.value) AND id <> \(id)", logger: logger
            ).decode(Int.self) { taken = true }
            if taken { throw MemoryError.exists(settings.name.value) }
            do {
                // Its tokens follow it (they name the memory), in the same statement.
                let rows = try await client.run(
                    """
                    WITH old AS (SELECT name FROM memory WHERE id = \(id)),
                    renamed AS (
                        UPDATE access_token SET memory = \(settings.name.value)
                        WHERE scope = 'memory' AND memory = (SELECT name FROM old) AND \(settings.name.value) <> (SELECT name FROM old))
                    UPDATE memory SET name = \(settings.name.value), description = \(settings.description), client = \(settings.client),
                        domain = \(settings.domain), project = \(settings.project), penalty = \(settings.penalty), public = \(settings.isPublic)
                    WHERE id = \(id)
                    RETURNING \(unescaped: Self.memoryColumns)
                    """, logger: logger)
                for try await row in rows.decode(MemoryRow.self) { return Self.memory(row) }
                return nil
            } catch let error as PSQLError where error.serverInfo?[.sqlState] == Self.uniqueViolation {
                throw MemoryError.exists(settings.name.value)
            }
        }
    }

    static let uniqueViolation = "23505"

    public func unitCounts() async throws -> [Int64: Int] {
        try await guarded {
            var counts: [Int64: Int] = [:]
            for try await (memory, count) in try await client.run("SELECT memory_id, count(*) FROM unit GROUP BY memory_id", logger: logger)
                .decode((Int64, Int).self)
            {
                counts[memory] = count
            }
            return counts
        }
    }

    public func imports(memories: [Int64]?) async throws -> [ImportRecord] {
        try await guarded {
            var records: [ImportRecord] = []
            let rows = try await client.run(
                """
                SELECT id, origin, memory_id, to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                    units_read, imported, duplicates, rejected
                FROM import_log WHERE \(memories == nil) OR memory_id = ANY(\(memories ?? [])) ORDER BY id DESC
                """, logger: logger)
            for try await row in rows.decode((Int64, String, Int64, String, Int, Int, Int, Int).self) {
                records.append(
                    ImportRecord(
                        id: row.0, origin: row.1, memoryID: row.2, finishedAt: row.3,
                        counts: ImportCounts(read: row.4, imported: row.5, duplicates: row.6, rejected: row.7)))
            }
            return records
        }
    }
}
