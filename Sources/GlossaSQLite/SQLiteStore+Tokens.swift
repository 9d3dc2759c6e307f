import Foundation
internal import GRDB
import GlossaModel
import GlossaStore

extension SQLiteStore {
    public func createToken(secretHash: String, scope: TokenScope, note: String?) async throws -> AccessTokenRecord {
        let (memory, rights) = scope.columns
        // Whole seconds, as the column keeps them: the record returned equals the one listed later.
        let created = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        return try await mapErrors {
            try await pool.write { db in
                try db.execute(
                    sql: "INSERT INTO access_token (secret_hash, scope, memory, rights, note, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [secretHash, scope.kind, memory, rights, note, Self.timestamp(created)])
                return AccessTokenRecord(id: db.lastInsertedRowID, scope: scope, note: note, createdAt: created, revokedAt: nil)
            }
        }
    }

    public func listTokens() async throws -> [AccessTokenRecord] {
        try await mapErrors {
            try await pool.read { db in
                try Row.fetchAll(db, sql: "SELECT \(Self.tokenColumns) FROM access_token ORDER BY id").compactMap(Self.tokenRecord)
            }
        }
    }

    public func revokeToken(id: Int64) async throws -> Bool {
        let now = Self.timestamp(Date())
        return try await mapErrors {
            try await pool.write { db in
                try db.execute(sql: "UPDATE access_token SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?", arguments: [now, id])
                return db.changesCount > 0
            }
        }
    }

    public func token(forSecretHash secretHash: String) async throws -> AccessTokenRecord? {
        try await mapErrors {
            try await pool.read { db in
                try Row.fetchOne(db, sql: "SELECT \(Self.tokenColumns) FROM access_token WHERE secret_hash = ?", arguments: [secretHash])
                    .flatMap(Self.tokenRecord)
            }
        }
    }

    public func renameTokens(memory: MemoryName, to newName: MemoryName) async throws -> Int {
        try await mapErrors {
            try await pool.write { db in
                try db.execute(
                    sql: "UPDATE access_token SET memory = ? WHERE scope = 'memory' AND memory = ?", arguments: [newName.rawValue, memory.rawValue])
                return db.changesCount
            }
        }
    }

    public func revokeTokens(memory: MemoryName) async throws -> Int {
        let now = Self.timestamp(Date())
        return try await mapErrors {
            try await pool.write { db in
                try db.execute(
                    sql: "UPDATE access_token SET revoked_at = ? WHERE scope = 'memory' AND memory = ? AND revoked_at IS NULL",
                    arguments: [now, memory.rawValue])
                return db.changesCount
            }
        }
    }

    private static let tokenColumns = "id, scope, memory, rights, note, created_at, revoked_at"

    /// A row as a record; nil for a scope this version does not know (it then grants nothing).
    private static func tokenRecord(_ row: Row) -> AccessTokenRecord? {
        guard let scope = TokenScope(kind: row["scope"], memory: row["memory"], rights: row["rights"]),
            let created = date(row["created_at"])
        else { return nil }
        return AccessTokenRecord(
            id: row["id"], scope: scope, note: row["note"], createdAt: created, revokedAt: (row["revoked_at"] as String?).flatMap(date))
    }

    private static func timestamp(_ date: Date) -> String { date.formatted(.iso8601) }

    private static func date(_ text: String) -> Date? { try? Date(text, strategy: .iso8601) }
}
