import Foundation
internal import GRDB
import GlossaModel
public import GlossaStore
import GlossaText

/// The translation memory in one SQLite file (WAL mode: lookups go on while an import writes).
public final class SQLiteStore: Storage {
    public let path: String
    public var location: String { path }
    let pool: DatabasePool
    /// How much of the term index an import holds before it writes it out (tests make it tiny).
    let termIndexFlushBytes: Int
    /// Whether the first import builds the fold index at its end (`DeferredIndexes`); tests compare
    /// its database with one grown row by row.
    let defersIndexes: Bool
    let role: ProcessRole

    /// Whether the process reads the database while it imports into it.
    public enum ProcessRole: Sendable {
        /// A server: requests read while an import writes, so every import writes through the WAL.
        case server
        /// A command that does one thing at a time: its first import into a database no other
        /// connection has open writes under a rollback journal (`FirstImportJournal`), and a
        /// process that opens the database meanwhile waits for the import's end.
        case command
    }

    public convenience init(path: String, role: ProcessRole = .server) throws(StoreError) {
        try self.init(path: path, termIndexFlushBytes: TermIndexWriter.defaultFlushBytes, role: role)
    }

    init(path: String, termIndexFlushBytes: Int, defersIndexes: Bool = true, role: ProcessRole = .server) throws(StoreError) {
        self.path = path
        self.role = role
        self.termIndexFlushBytes = termIndexFlushBytes
        self.defersIndexes = defersIndexes
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // NORMAL is durable in WAL mode but for the last commits on power loss; memory-mapped
            // reads and a larger page cache spare a lookup the kernel copies of every page it visits.
            try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA mmap_size = 1073741824; PRAGMA cache_size = -16384")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try Schema.migrator.migrate(pool)
        } catch {
            throw .cannotOpen(path: path, reason: Self.message(error) + Self.writeProblem(path))
        }
    }

    /// Why the file system refuses writes to the database or its folder, when it does: SQLite says
    /// only "unable to open database file" for a read-only mount or an immutable file.
    private static func writeProblem(_ path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        for candidate in [path, folder.isEmpty ? "." : folder] where access(candidate, W_OK) != 0 && errno != ENOENT {
            return " (\(candidate): \(String(cString: strerror(errno))))"
        }
        return ""
    }

    // MARK: Writing

    public func write(
        into memory: Int64, origin: String,
        _ body: (_ insert: ([PreparedUnit]) async throws -> [InsertOutcome]) async throws -> ImportCounts
    ) async throws {
        let flushBytes = termIndexFlushBytes
        let defersIndexes = defersIndexes
        let journal = role == .command ? try await mapErrors { try await FirstImportJournal.enter(pool) } : nil
        do {
            try await bridgedWrite(body) { db, bridge in
                // A larger cache for the writer: an import's random index inserts then stay in memory.
                try db.execute(sql: "PRAGMA cache_size = -49152")
                let deferred = defersIndexes ? try DeferredIndexes.dropForFirstImport(db) : nil
                let writer = try UnitWriter(db, memory: memory, origin: origin, termIndexFlushBytes: flushBytes)
                let counts = try bridge.serve { units in try units.map(writer.insert) }
                try writer.finish(counts)
                try deferred?.rebuild(db)
            }
        } catch {
            await journal?.leave(pool)
            throw error
        }
        await journal?.leave(pool)
    }

    /// Runs `body`, which awaits between its requests, with a write transaction that `transaction`
    /// holds open on the writer and commits when `body` returns (rolls back if either throws).
    @discardableResult
    func bridgedWrite<Request: Sendable, Reply: Sendable, Final: Sendable>(
        _ body: (_ send: (Request) async throws -> Reply) async throws -> Final,
        transaction: @escaping @Sendable (Database, TransactionBridge<Request, Reply, Final>) throws -> Void
    ) async throws -> Final {
        let bridge = TransactionBridge<Request, Reply, Final>()
        async let written: Void = {
            defer { bridge.abandon() }
            try await pool.write { db in try transaction(db, bridge) }
        }()
        let final: Final
        do {
            final = try await body(bridge.send)
            bridge.close(with: .success(final))
        } catch {
            bridge.close(with: .failure(error))
            _ = try? await written
            throw error
        }
        do { try await written } catch let error as DatabaseError { throw StoreError.database(Self.message(error)) }
        return final
    }

    // MARK: Reading

    public func containsUnit(contentKey: String, memory: Int64) async throws -> Bool {
        try await mapErrors {
            try await pool.read { db in
                try Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM unit WHERE memory_id = ? AND content_key = ?)", arguments: [memory, contentKey])
                    ?? false
            }
        }
    }

    static let segmentColumns = """
        s.id, s.unit_id, s.language, s.text, s.markup, s.fold, (SELECT tuid FROM unit WHERE id = s.unit_id) AS tuid,
        (SELECT memory_id FROM unit WHERE id = s.unit_id) AS memory_id
        """

    public func forEachUnit(
        withLanguageGroups languageGroups: [String], memories: [Int64]?, _ body: (StoredUnit) async throws -> Void
    ) async throws {
        var filter = ""
        var arguments: StatementArguments = []
        if let memories {
            filter = "WHERE u.memory_id IN (SELECT value FROM json_each(?))"
            arguments += [Self.jsonList(memories)]
        }
        for group in languageGroups {
            filter += filter.isEmpty ? "WHERE " : " AND "
            filter += "EXISTS (SELECT 1 FROM segment g WHERE g.unit_id = u.id AND g.language_group = ?)"
            arguments += [group]
        }
        let condition = (filter.isEmpty ? "WHERE" : filter + " AND") + " u.id > ?"
        // Pages of units keep memory flat on large memories; new units come at higher ids (an
        // edited unit keeps its id, a deleted one leaves a gap).
        var lastID: Int64 = 0
        while true {
            let after = lastID
            let page = try await mapErrors {
                try await pool.read { [arguments] db in
                    try Self.units(db, sql: condition, arguments: arguments + [after], limit: Self.unitsPerPage)
                }
            }
            for unit in page { try await body(unit) }
            guard let last = page.last else { break }
            lastID = last.id
        }
    }

    private static let unitsPerPage = 500

    public func languages(memories: [Int64]?) async throws -> [LanguageCount] {
        try await mapErrors {
            try await pool.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT language, count(*) AS n FROM segment s
                        \(memories == nil ? "" : "WHERE s.unit_id IN (SELECT id FROM unit WHERE memory_id IN (SELECT value FROM json_each(?)))")
                        GROUP BY language ORDER BY n DESC, language
                        """, arguments: memories.map { [Self.jsonList($0)] } ?? []
                )
                .compactMap { row in
                    guard let tag = try? LanguageTag(row["language"] as String) else { return nil }
                    return LanguageCount(language: tag, segments: row["n"])
                }
            }
        }
    }

    public func statistics(memories: [Int64]?) async throws -> Statistics {
        let languages = try await languages(memories: memories)
        let filter = memories == nil ? "" : "WHERE memory_id IN (SELECT value FROM json_each(?))"
        let arguments: StatementArguments = memories.map { [Self.jsonList($0)] } ?? []
        return try await mapErrors {
            try await pool.read { [path] db in
                let units = try Int.fetchOne(db, sql: "SELECT count(*) FROM unit \(filter)", arguments: arguments) ?? 0
                let segments = languages.reduce(0) { $0 + $1.segments }
                let imports = try Int.fetchOne(db, sql: "SELECT count(*) FROM import_log \(filter)", arguments: arguments) ?? 0
                let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
                let pageSize = try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 0
                return Statistics(
                    units: units, segments: segments, languages: languages, imports: imports,
                    databaseBytes: pages * pageSize, path: path)
            }
        }
    }

    public func ping() async throws {
        try await mapErrors { try await pool.read { db in try db.execute(sql: "SELECT 1") } }
    }

    public func hasImports() async throws -> Bool {
        try await mapErrors {
            try await pool.read { db in
                try Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM import_log) OR EXISTS (SELECT 1 FROM unit) OR EXISTS (SELECT 1 FROM concept)") ?? false
            }
        }
    }

    // MARK: Helpers

    /// A list of ids as one JSON argument, read with `json_each(?)`: one cached statement serves
    /// any number of ids.
    static func jsonList(_ ids: [Int64]) -> String {
        "[" + ids.map(String.init).joined(separator: ",") + "]"
    }

    /// The same for strings, escaped as JSON strings.
    static func jsonList(_ strings: [String]) -> String {
        var json = "["
        for (index, string) in strings.enumerated() {
            if index > 0 { json += "," }
            json += "\""
            for scalar in string.unicodeScalars {
                switch scalar {
                case "\"": json += "\\\""
                case "\\": json += "\\\\"
                case _ where scalar.value < 0x20: json += String(format: "\\u%04x", scalar.value)
                default: json.unicodeScalars.append(scalar)
                }
            }
            json += "\""
        }
        return json + "]"
    }

    static func fetchSegments(_ statement: Statement, arguments: StatementArguments) throws -> [StoredSegment] {
        try Row.fetchAll(statement, arguments: arguments).compactMap(segment)
    }

    static func segment(_ row: Row) -> StoredSegment? {
        let text: String = row["text"]
        guard let language = try? LanguageTag(row["language"] as String) else { return nil }
        return StoredSegment(
            id: row["id"], unitID: row["unit_id"], memoryID: row["memory_id"], tuid: row["tuid"], language: language, text: text,
            markup: row["markup"] ?? XMLEscaping.escapeText(text), fold: row["fold"])
    }

    static func units(_ db: Database, sql filter: String, arguments: StatementArguments, limit: Int) throws -> [StoredUnit] {
        let unitRows = try Row.fetchAll(db, sql: "SELECT u.* FROM unit u \(filter) ORDER BY u.id LIMIT \(limit)", arguments: arguments)
        guard !unitRows.isEmpty else { return [] }
        let ids: [Int64] = unitRows.map { $0["id"] }
        let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ",")
        var segmentsByUnit: [Int64: [(StoredSegment, Metadata)]] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT \(segmentColumns), s.metadata FROM segment s
                WHERE s.unit_id IN (\(placeholders)) ORDER BY s.unit_id, s.position
                """, arguments: StatementArguments(ids))
        {
            guard let segment = segment(row) else { continue }
            segmentsByUnit[segment.unitID, default: []].append((segment, metadata(row["metadata"])))
        }
        return unitRows.map { row in
            let id: Int64 = row["id"]
            return StoredUnit(
                id: id, memoryID: row["memory_id"], tuid: row["tuid"],
                sourceLanguage: (row["source_language"] as String?).flatMap { try? LanguageTag($0) },
                origin: row["origin"], metadata: metadata(row["metadata"]),
                segments: (segmentsByUnit[id] ?? []).map { (segment: $0.0, metadata: $0.1) })
        }
    }

    static func json(_ metadata: Metadata) -> String? {
        MetadataJSON.encode(metadata)
    }

    private static func metadata(_ json: String?) -> Metadata {
        MetadataJSON.decode(json)
    }

    func mapErrors<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as DatabaseError { throw StoreError.database(Self.message(error)) }
    }

    static func message(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
        return "\(error)"
    }
}
