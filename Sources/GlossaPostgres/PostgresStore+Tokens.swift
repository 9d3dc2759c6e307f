import Foundation
import GlossaModel
import GlossaStore
import Logging
import PostgresNIO

extension PostgresStore {
    public func createToken(secretHash: String, scope: TokenScope, note: String?) async throws -> AccessTokenRecord {
        let (memory, rights) = scope.columns
        // Whole seconds, as SQLite keeps them: both engines list the same times.
        let created = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        return try await guarded {
            let rows = try await client.run(
                """
                INSERT INTO access_token (secret_hash, scope, memory, rights, note, created_at)
                VALUES (\(secretHash), \(scope.kind), \(memory), \(rights), \(note), \(created)) RETURNING id
                """, logger: logger)
            for try await id in rows.decode(Int64.self) {
                return AccessTokenRecord(id: id, scope: scope, note: note, createdAt: created, revokedAt: nil)
            }
            throw StoreError.database("the token insert returned no id")
        }
    }

    public func listTokens() async throws -> [AccessTokenRecord] {
        try await guarded {
            var records: [AccessTokenRecord] = []
            let rows = try await client.run("SELECT \(unescaped: Self.tokenColumns) FROM access_token ORDER BY id", logger: logger)
            for try await row in rows.decode(TokenRow.self) {
                if let record = Self.tokenRecord(row) { records.append(record) }
            }
            return records
        }
    }

    public func revokeToken(id: Int64) async throws -> Bool {
        try await guarded {
            let rows = try await client.run(
                "UPDATE access_token SET revoked_at = coalesce(revoked_at, date_trunc('second', now())) WHERE id = \(id) RETURNING id",
                logger: logger)
            for try await _ in rows.decode(Int64.self) { return true }
            return false
        }
    }

    public func token(forSecretHash secretHash: String) async throws -> AccessTokenRecord? {
        try await guarded {
            let rows = try await client.run(
                "SELECT \(unescaped: Self.tokenColumns) FROM access_token WHERE secret_hash = \(secretHash)", logger: logger)
            for try await row in rows.decode(TokenRow.self) { return Self.tokenRecord(row) }
            return nil
        }
    }

    public func renameTokens(memory: MemoryName, to newName: MemoryName) async throws -> Int {
        try await changedRows(
            "UPDATE access_token SET memory = \(newName.rawValue) WHERE scope = 'memory' AND memory = \(memory.rawValue) RETURNING id")
    }

    public func revokeTokens(memory: MemoryName) async throws -> Int {
        try await changedRows(
            """
            UPDATE access_token SET revoked_at = date_trunc('second', now())
            WHERE scope = 'memory' AND memory = \(memory.rawValue) AND revoked_at IS NULL RETURNING id
            """)
    }

    /// Runs an UPDATE ... RETURNING id and counts its rows.
    private func changedRows(_ query: PostgresQuery) async throws -> Int {
        try await guarded {
            var count = 0
            for try await _ in try await client.run(query, logger: logger).decode(Int64.self) { count += 1 }
            return count
        }
    }

    private static let tokenColumns = "id, scope, memory, rights, note, created_at, revoked_at"

    private typealias TokenRow = (Int64, String, String?, String?, String?, Date, Date?)

    /// A row as a record; nil for a scope this version does not know (it then grants nothing).
    private static func tokenRecord(_ row: TokenRow) -> AccessTokenRecord? {
        guard let scope = TokenScope(kind: row.1, memory: row.2, rights: row.3) else { return nil }
        return AccessTokenRecord(id: row.0, scope: scope, note: row.4, createdAt: row.5, revokedAt: row.6)
    }
}
