import Foundation
import GRDB
import GlossaModel
import GlossaText

/// The translation memory in one SQLite file (WAL mode: lookups go on while an import writes).
public final class SQLiteStore: TranslationMemoryStore {
    public let path: String
    let pool: DatabasePool
    /// How much of the term index an import holds before it writes it out (tests make it tiny).
    let termIndexFlushBytes: Int

    public convenience init(path: String) throws(StoreError) {
        try self.init(path: path, termIndexFlushBytes: TermIndexWriter.defaultFlushBytes)
    }

    init(path: String, termIndexFlushBytes: Int) throws(StoreError) {
        self.path = path
        self.termIndexFlushBytes = termIndexFlushBytes
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

    public func write(origin: String, _ body: ((PreparedUnit) throws -> InsertOutcome) throws -> ImportCounts) throws {
        try mapErrors {
            try pool.write { db in
                // A larger cache for the writer: an import's random index inserts then stay in memory.
                try db.execute(sql: "PRAGMA cache_size = -49152")
                let insertUnit = try db.cachedStatement(
                    sql: """
                        INSERT INTO unit (content_key, tuid, source_language, origin, metadata) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (content_key) DO NOTHING
                        """)
                let insertSegment = try db.cachedStatement(
                    sql: """
                        INSERT INTO segment (id, unit_id, position, language, language_group, text, markup, fold, word_count, tokens, metadata)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                let index = try TermIndexWriter(db, flushBytes: termIndexFlushBytes)
                // Segment ids are chosen here (the writer is alone) so that the index entry is
                // made before the row is written, in one statement.
                var segmentID = try (Int64.fetchOne(db, sql: "SELECT max(id) FROM segment") ?? 0) + 1
                var groups: [LanguageTag: String] = [:]
                let counts = try body { prepared in
                    let unit = prepared.unit
                    try insertUnit.execute(arguments: [
                        prepared.contentKey, unit.tuid, unit.sourceLanguage?.canonical, origin, Self.json(unit.metadata),
                    ])
                    guard db.changesCount > 0 else { return .duplicate }
                    let unitID = db.lastInsertedRowID
                    for (position, (segment, keys)) in zip(unit.segments, prepared.segments).enumerated() {
                        let group =
                            groups[segment.language]
                            ?? {
                                let group = segment.language.fallbackGroup
                                groups[segment.language] = group
                                return group
                            }()
                        let indexed = try index.index(segmentID: segmentID, languageGroup: group, tokens: keys.tokens)
                        try insertSegment.execute(arguments: [
                            segmentID, unitID, position, segment.language.canonical, group, segment.text,
                            segment.hasInlineCodes ? segment.markup : nil, keys.fold, indexed.words, Data(indexed.tokens),
                            Self.json(segment.metadata),
                        ])
                        segmentID += 1
                    }
                    return .inserted
                }
                try index.finish()
                try db.execute(
                    sql: "INSERT INTO import_log (origin, units_read, imported, duplicates, rejected) VALUES (?, ?, ?, ?, ?)",
                    arguments: [origin, counts.read, counts.imported, counts.duplicates, counts.rejected])
            }
        }
    }

    // MARK: Reading

    public func containsUnit(contentKey: String) throws -> Bool {
        try mapErrors {
            try pool.read { db in
                try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM unit WHERE content_key = ?)", arguments: [contentKey]) ?? false
            }
        }
    }

    static let segmentColumns = "s.id, s.unit_id, s.language, s.text, s.markup, s.fold, (SELECT tuid FROM unit WHERE id = s.unit_id) AS tuid"

    public func forEachUnit(withLanguageGroups languageGroups: [String], _ body: (StoredUnit) throws -> Void) throws {
        try mapErrors {
            try pool.read { db in
                var filter = ""
                var arguments: StatementArguments = []
                for group in languageGroups {
                    filter += filter.isEmpty ? "WHERE " : " AND "
                    filter += "EXISTS (SELECT 1 FROM segment g WHERE g.unit_id = u.id AND g.language_group = ?)"
                    arguments += [group]
                }
                // Pages of units keep memory flat on large memories.
                var lastID: Int64 = 0
                while true {
                    let page = try Self.units(
                        db, sql: (filter.isEmpty ? "WHERE" : filter + " AND") + " u.id > ?",
                        arguments: arguments + [lastID], limit: 500)
                    for unit in page { try body(unit) }
                    guard let last = page.last else { break }
                    lastID = last.id
                }
            }
        }
    }

    public func languages() throws -> [LanguageCount] {
        try mapErrors {
            try pool.read { db in
                try Row.fetchAll(db, sql: "SELECT language, count(*) AS n FROM segment GROUP BY language ORDER BY n DESC, language")
                    .compactMap { row in
                        guard let tag = try? LanguageTag(row["language"] as String) else { return nil }
                        return LanguageCount(language: tag, segments: row["n"])
                    }
            }
        }
    }

    public func statistics() throws -> Statistics {
        let languages = try languages()
        return try mapErrors {
            try pool.read { db in
                let units = try Int.fetchOne(db, sql: "SELECT count(*) FROM unit") ?? 0
                let segments = languages.reduce(0) { $0 + $1.segments }
                let imports = try Int.fetchOne(db, sql: "SELECT count(*) FROM import_log") ?? 0
                let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
                let pageSize = try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 0
                return Statistics(
                    units: units, segments: segments, languages: languages, imports: imports,
                    databaseBytes: pages * pageSize, path: path)
            }
        }
    }

    public func hasImports() throws -> Bool {
        try mapErrors {
            try pool.read { db in
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
            id: row["id"], unitID: row["unit_id"], tuid: row["tuid"], language: language, text: text,
            markup: row["markup"] ?? XMLEscaping.escapeText(text), fold: row["fold"])
    }

    private static func units(_ db: Database, sql filter: String, arguments: StatementArguments, limit: Int) throws -> [StoredUnit] {
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
                id: id, tuid: row["tuid"],
                sourceLanguage: (row["source_language"] as String?).flatMap { try? LanguageTag($0) },
                origin: row["origin"], metadata: metadata(row["metadata"]),
                segments: (segmentsByUnit[id] ?? []).map { (segment: $0.0, metadata: $0.1) })
        }
    }

    /// The JSON that `Metadata`'s Codable conformance reads back, written by hand: JSONEncoder
    /// took a tenth of an import's time.
    static func json(_ metadata: Metadata) -> String? {
        guard !metadata.isEmpty else { return nil }
        var json = "{\"properties\":["
        json += metadata.properties.map { "{\"type\":\(quoted($0.type)),\"value\":\(quoted($0.value))}" }.joined(separator: ",")
        json += "],\"notes\":[" + metadata.notes.map(quoted).joined(separator: ",")
        json += "],\"attributes\":{"
        json += metadata.attributes.sorted { $0.key < $1.key }.map { "\(quoted($0.key)):\(quoted($0.value))" }.joined(separator: ",")
        return json + "}}"
    }

    private static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    private static func metadata(_ json: String?) -> Metadata {
        guard let json, let decoded = try? JSONDecoder().decode(Metadata.self, from: Data(json.utf8)) else { return Metadata() }
        return decoded
    }

    func mapErrors<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as DatabaseError { throw StoreError.database(Self.message(error)) }
    }

    private static func message(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
        return "\(error)"
    }
}
