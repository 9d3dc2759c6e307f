import Foundation
import GlossaModel
public import GlossaStore
import GlossaText
import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import Synchronization

/// The translation memory and glossary in a PostgreSQL database, shared by any number of servers:
/// nothing is kept on local disk, and what one server writes the others read at once.
public final class PostgresStore: Storage {
    public let location: String
    private let host: String
    private let port: Int
    let client: PostgresClient
    let logger: Logger
    private let running: Task<Void, Never>
    /// Vocabulary ids already known (an entry never changes once written), shared by imports.
    let vocabulary = Mutex<[VocabularyKey: Int64]>([:])
    /// How much of the term index an import holds before it writes it out (tests make it tiny).
    let termIndexFlushBytes: Int

    struct VocabularyKey: Hashable {
        let group: String
        let text: String
    }

    public static let defaultFlushBytes = 32 << 20

    /// Connects, and migrates the schema when it is behind (one server at a time). A `readOnly`
    /// store (a streaming replica, which refuses writes) is never migrated: its primary is.
    public convenience init(url: String, readOnly: Bool = false, logger: Logger = Logger(label: "glossa.postgres")) async throws(StoreError) {
        try await self.init(location: PostgresLocation(url: url), logger: logger, readOnly: readOnly)
    }

    /// `idleTimeout`: how long a connection beyond the first stays open unused.
    public init(
        location: PostgresLocation, logger: Logger, termIndexFlushBytes: Int = defaultFlushBytes,
        idleTimeout: Duration = .seconds(60), readOnly: Bool = false
    ) async throws(StoreError) {
        self.location = location.description
        host = location.host
        port = location.port
        self.logger = logger
        self.termIndexFlushBytes = termIndexFlushBytes
        var configuration = PostgresClient.Configuration(
            host: location.host, port: location.port, username: location.user, password: location.password,
            database: location.database, tls: .disable)
        configuration.options.maximumConnections = location.maximumConnections
        configuration.options.connectTimeout = .seconds(Self.connectSeconds)
        configuration.options.connectionIdleTimeout = idleTimeout
        if let schema = location.schema { configuration.options.additionalStartupParameters = [("search_path", schema)] }
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        running = Task { await client.run() }
        do {
            // One connection of its own first: the pool retries a refused login until its circuit
            // breaker trips, and would hide the server's reason (a wrong password, no such database).
            var direct = PostgresConnection.Configuration(
                host: location.host, port: location.port, username: location.user, password: location.password,
                database: location.database, tls: .disable)
            direct.options.connectTimeout = .seconds(Self.connectSeconds)
            try await PostgresConnection.connect(configuration: direct, id: 0, logger: logger).close()
            try await guarded {
                try await client.withConnection { connection in
                    if readOnly {
                        try await Self.awaitSchema(on: connection, logger: logger)
                    } else {
                        try await PostgresSchema.migrate(connection, schema: location.schema, logger: logger)
                    }
                }
            }
        } catch {
            running.cancel()
            let reason = (error as? PSQLError).map { "\(Self.storeError($0))" } ?? (error as? StoreError).map { "\($0)" } ?? Self.message(error)
            throw .cannotOpen(path: location.description, reason: reason)
        }
    }

    static let connectSeconds: Int64 = 5

    /// How long a read replica may lag behind the primary's first migration: a primary and its
    /// replica started together (a new cluster) stream the schema a moment after the writer made it.
    static let replicaCatchUp: Duration = .seconds(10)
    private static let replicaPoll: Duration = .milliseconds(100)
    private static let undefinedTable = "42P01"

    /// Checks that a read-only database holds Glossa's schema, waiting `replicaCatchUp` for it.
    private static func awaitSchema(on connection: PostgresConnection, logger: Logger) async throws {
        let deadline = ContinuousClock.now + replicaCatchUp
        while true {
            do {
                try await connection.run("SELECT name FROM glossa_migration", logger: logger)
                return
            } catch let error as PSQLError where error.serverInfo?[.sqlState] == undefinedTable && ContinuousClock.now < deadline {
                try await Task.sleep(for: replicaPoll)
            }
        }
    }

    deinit {
        running.cancel()
    }

    public func close() async throws {
        running.cancel()
        await running.value
    }

    // MARK: Reading

    public func containsUnit(contentKey: String, memory: Int64) async throws -> Bool {
        try await guarded {
            try await client.run("SELECT 1 FROM unit WHERE memory_id = \(memory) AND content_key = \(contentKey)", logger: logger)
                .decode(Int.self).first { _ in true } != nil
        }
    }

    public func forEachUnit(
        withLanguageGroups languageGroups: [String], memories: [Int64]?, _ body: (StoredUnit) async throws -> Void
    ) async throws {
        // Pages of units keep memory flat on large memories; new units come at higher ids (an
        // edited unit keeps its id, a deleted one leaves a gap).
        var lastID: Int64 = 0
        while true {
            let page = try await guarded { try await units(after: lastID, withLanguageGroups: languageGroups, memories: memories) }
            for unit in page { try await body(unit) }
            guard let last = page.last else { break }
            lastID = last.id
        }
    }

    private static let unitsPerPage = 500

    func units(
        after lastID: Int64, withLanguageGroups groups: [String], memories: [Int64]?, limit: Int = unitsPerPage
    ) async throws -> [StoredUnit] {
        var units: [(id: Int64, memory: Int64, tuid: String?, source: String?, origin: String, metadata: String?)] = []
        let rows = try await client.run(
            """
            SELECT u.id, u.memory_id, u.tuid, u.source_language, u.origin, u.metadata FROM unit u
            WHERE u.id > \(lastID) AND (\(memories == nil) OR u.memory_id = ANY(\(memories ?? []))) AND NOT EXISTS (
                SELECT 1 FROM unnest(\(groups)::text[]) AS g(language_group)
                WHERE NOT EXISTS (SELECT 1 FROM segment s WHERE s.unit_id = u.id AND s.language_group = g.language_group))
            ORDER BY u.id LIMIT \(limit)
            """, logger: logger)
        for try await row in rows.decode((Int64, Int64, String?, String?, String, String?).self) {
            units.append((row.0, row.1, row.2, row.3, row.4, row.5))
        }
        guard !units.isEmpty else { return [] }
        var segmentsByUnit: [Int64: [(StoredSegment, Metadata)]] = [:]
        let segmentRows = try await client.run(
            """
            SELECT \(unescaped: Self.segmentColumns), s.metadata FROM segment s JOIN unit u ON u.id = s.unit_id
            WHERE s.unit_id = ANY(\(units.map(\.id))) ORDER BY s.unit_id, s.position
            """, logger: logger)
        for try await row in segmentRows.decode((Int64, Int64, Int64, String?, String, String, String?, String, String?).self) {
            guard let segment = Self.segment((row.0, row.1, row.2, row.3, row.4, row.5, row.6, row.7)) else { continue }
            segmentsByUnit[segment.unitID, default: []].append((segment, MetadataJSON.decode(row.8)))
        }
        return units.map { unit in
            StoredUnit(
                id: unit.id, memoryID: unit.memory, tuid: unit.tuid, sourceLanguage: unit.source.flatMap { try? LanguageTag($0) },
                origin: unit.origin, metadata: MetadataJSON.decode(unit.metadata),
                segments: (segmentsByUnit[unit.id] ?? []).map { (segment: $0.0, metadata: $0.1) })
        }
    }

    public func languages(memories: [Int64]?) async throws -> [LanguageCount] {
        try await guarded {
            var counts: [LanguageCount] = []
            let rows = try await client.run(
                """
                SELECT language, count(*) AS n FROM segment s
                WHERE \(memories == nil) OR s.unit_id IN (SELECT id FROM unit WHERE memory_id = ANY(\(memories ?? [])))
                GROUP BY language ORDER BY n DESC, language COLLATE "C"
                """, logger: logger)
            for try await (language, count) in rows.decode((String, Int).self) {
                guard let tag = try? LanguageTag(language) else { continue }
                counts.append(LanguageCount(language: tag, segments: count))
            }
            return counts
        }
    }

    public func statistics(memories: [Int64]?) async throws -> Statistics {
        let languages = try await languages(memories: memories)
        let all = memories == nil
        let scope = memories ?? []
        return try await guarded {
            let rows = try await client.run(
                """
                SELECT (SELECT count(*) FROM unit WHERE \(all) OR memory_id = ANY(\(scope))),
                    (SELECT count(*) FROM import_log WHERE \(all) OR memory_id = ANY(\(scope))),
                    (SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint FROM pg_class c
                     WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'S'))
                """, logger: logger)
            var statistics: Statistics?
            for try await (units, imports, bytes) in rows.decode((Int, Int, Int).self) {
                statistics = Statistics(
                    units: units, segments: languages.reduce(0) { $0 + $1.segments }, languages: languages,
                    imports: imports, databaseBytes: bytes, path: location)
            }
            guard let statistics else { throw StoreError.database("the statistics query returned no row") }
            return statistics
        }
    }

    public func ping() async throws {
        _ = try await guarded { try await client.run("SELECT 1", logger: logger) }
    }

    public func hasImports() async throws -> Bool {
        try await guarded {
            let rows = try await client.run(
                "SELECT EXISTS (SELECT 1 FROM import_log) OR EXISTS (SELECT 1 FROM unit) OR EXISTS (SELECT 1 FROM concept)", logger: logger)
            for try await exists in rows.decode(Bool.self) { return exists }
            return false
        }
    }

    // MARK: Rows

    static let segmentColumns = "s.id, s.unit_id, u.memory_id, u.tuid, s.language, s.text, s.markup, s.fold"

    typealias SegmentRow = (Int64, Int64, Int64, String?, String, String, String?, String)

    static func segment(_ row: SegmentRow) -> StoredSegment? {
        guard let language = try? LanguageTag(row.4) else { return nil }
        return StoredSegment(
            id: row.0, unitID: row.1, memoryID: row.2, tuid: row.3, language: language, text: row.5,
            markup: row.6 ?? XMLEscaping.escapeText(row.5), fold: row.7)
    }

    // MARK: Errors

    /// Runs one operation of the store. If it has not finished after `probeInterval`, it checks
    /// every interval that the server still accepts connections, and fails the operation as
    /// `unavailable` when not: the connection pool would otherwise wait for the server to return.
    func guarded<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        try await withoutActuallyEscaping(body) { body in
            // Run as a child task and awaited below, so it never outlives this call.
            nonisolated(unsafe) let body = body
            return try await withThrowingTaskGroup(of: T?.self) { group in
                group.addTask { try await self.mapErrors(body) }
                group.addTask {
                    while true {
                        try await Task.sleep(for: Self.probeInterval)
                        if !(await self.serverAcceptsConnections()) {
                            throw StoreError.unavailable("PostgreSQL at \(self.location) does not accept connections")
                        }
                    }
                }
                defer { group.cancelAll() }
                while let result = try await group.next() {
                    if let value = result { return value }
                }
                throw CancellationError()
            }
        }
    }

    static let probeInterval: Duration = .seconds(2)

    /// Whether a TCP connection to the server opens (within `probeInterval`).
    private func serverAcceptsConnections() async -> Bool {
        do {
            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(Self.probeInterval.components.seconds))
                .connect(host: host, port: port).get()
            try? await channel.close()
            return true
        } catch {
            return false
        }
    }

    /// PostgreSQL's errors as the store's: a server that cannot be reached is `unavailable` (the
    /// HTTP API answers 503), a lost race is a `conflict` (safe to run again).
    func mapErrors<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as PSQLError {
            throw Self.storeError(error)
        } catch let error as PostgresTransactionError {
            // What failed inside the transaction (a format error, a lost connection), not the wrapper.
            let cause = error.closureError ?? error.beginError ?? error.commitError ?? error.rollbackError
            if let cause = cause as? PSQLError { throw Self.storeError(cause) }
            if let cause { throw cause }
            throw error
        }
    }

    /// Runs `body` in one transaction on one connection: committed if it returns, rolled back if it throws.
    func transaction<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await guarded {
            try await self.client.withConnection { connection in
                // Cancelled (the request's deadline, or `guarded` finding the server gone): the
                // connection is closed, which rolls the transaction back and fails the query it
                // waits for, which a dropped connection may otherwise never answer.
                try await withTaskCancellationHandler {
                    try await connection.run("BEGIN", logger: self.logger)
                    let value: T
                    do {
                        value = try await body(connection)
                    } catch {
                        // A connection the server dropped has rolled back already; asking it would wait for nothing.
                        if !connection.isClosed, !Self.isConnectionLost(error) {
                            _ = try? await connection.run("ROLLBACK", logger: self.logger)
                        }
                        throw error
                    }
                    try await connection.run("COMMIT", logger: self.logger)
                    return value
                } onCancel: {
                    let closing: EventLoopFuture<Void> = connection.close()
                    _ = closing
                }
            }
        }
    }

    private static func isConnectionLost(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError else { return error is CancellationError }
        if case .unavailable = storeError(error) { return true }
        return false
    }

    static func storeError(_ error: PSQLError) -> StoreError {
        switch error.code {
        case .server:
            let state = error.serverInfo?[.sqlState] ?? ""
            let message = error.serverInfo?[.message] ?? "\(error.code)"
            // 40001 serialization failure, 40P01 deadlock; class 08 connection, 57P0x shutdown.
            if state == "40001" || state == "40P01" { return .conflict(message) }
            if state.hasPrefix("08") || state.hasPrefix("57P") { return .unavailable(message) }
            return .database(message)
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .poolClosed, .uncleanShutdown:
            return .unavailable(message(error))
        default:
            return .database(message(error))
        }
    }

    /// What went wrong, without the query's bound values (they may be anyone's text).
    static func message(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        if let message = error.serverInfo?[.message] { return message }
        if let underlying = error.underlying { return "\(error.code): \(underlying)" }
        return "\(error.code)"
    }
}
