import ArgumentParser
import Foundation
import GlossaPostgres
import GlossaServer
import GlossaStore
import Hummingbird
import Logging
import Metrics
import Prometheus
import ServiceLifecycle

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the HTTP API (JSON; OpenAPI document at /openapi.yaml), the search page at / and metrics at /metrics.",
        discussion: """
            Settings come from flags, else the environment (GLOSSA_HOST, GLOSSA_PORT, GLOSSA_TOKEN, \
            GLOSSA_DB, GLOSSA_LOG_LEVEL, GLOSSA_CORS_ORIGIN, GLOSSA_SHUTDOWN_TIMEOUT), else the defaults. A new \
            database first receives the sample memories of tmx/ and the glossaries of glossary/ \
            (GLOSSA_SAMPLES_DIR names another folder holding them). SIGTERM or SIGINT stops accepting \
            connections, lets running requests finish, then checkpoints and closes the database.

              glossa serve
              GLOSSA_TOKEN=s3cret glossa serve --host 0.0.0.0 --port 9000
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(
        help: ArgumentHelp(
            "A PostgreSQL streaming replica for reads; writes still go to --database.",
            discussion: "Default: $GLOSSA_READ_DATABASE. Lookups then see an import once the replica has replayed it.",
            valueName: "url"))
    var readDatabase: String?

    @Option(help: ArgumentHelp("Address to listen on. Default: $GLOSSA_HOST, else 127.0.0.1.", valueName: "address"))
    var host: String?

    @Option(help: ArgumentHelp("Port to listen on. Default: $GLOSSA_PORT, else 8080.", valueName: "port"))
    var port: Int?

    @Option(
        help: ArgumentHelp(
            "The admin's bearer token: TM imports, access tokens (/v1/tokens) and every write. Default: $GLOSSA_TOKEN; "
                + "without one, only access tokens made with 'glossa token create' can write.", valueName: "token"))
    var token: String?

    @Option(
        help: ArgumentHelp(
            "Origin allowed to call the API from a browser (CORS), or '*'. Default: $GLOSSA_CORS_ORIGIN, else none.", valueName: "origin"))
    var corsOrigin: String?

    @Option(help: ArgumentHelp("trace, debug, info, notice, warning, error or critical. Default: $GLOSSA_LOG_LEVEL, else info.", valueName: "level"))
    var logLevel: String?

    @Option(
        help: ArgumentHelp(
            "Seconds that running requests get to finish after SIGTERM before they are cut off. Default: $GLOSSA_SHUTDOWN_TIMEOUT, else 9.",
            valueName: "seconds"))
    var shutdownTimeout: Int?

    @Flag(help: "Do not load the sample data into a new database.")
    var noSamples = false

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        var logger = Logger(label: "glossa")
        let levelName = logLevel ?? environment["GLOSSA_LOG_LEVEL"] ?? "info"
        guard let level = Logger.Level(rawValue: levelName.lowercased()) else {
            throw ValidationError("the log level must be one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")), not '\(levelName)'")
        }
        logger.logLevel = level

        let portValue = try port ?? Self.integer("GLOSSA_PORT", in: environment) ?? 8080
        guard (0...65_535).contains(portValue) else { throw ValidationError("the port must be from 0 to 65535") }
        // Docker sends SIGKILL 10 s after SIGTERM unless told otherwise: cutting requests off a
        // second before that still leaves time to close the database cleanly.
        let grace = try shutdownTimeout ?? Self.integer("GLOSSA_SHUTDOWN_TIMEOUT", in: environment) ?? 9
        guard grace >= 0 else { throw ValidationError("the shutdown timeout must be 0 or more seconds") }
        let configuration = ServerConfiguration(
            host: host ?? environment["GLOSSA_HOST"] ?? "127.0.0.1",
            port: portValue,
            token: (token ?? environment["GLOSSA_TOKEN"]).flatMap { $0.isEmpty ? nil : $0 },
            corsOrigin: (corsOrigin ?? environment["GLOSSA_CORS_ORIGIN"]).flatMap { $0.isEmpty ? nil : $0 })

        // swift-metrics has one backend per process, bootstrapped once here: Hummingbird's request
        // metrics and Glossa's own then share the registry that GET /metrics renders.
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))

        var store = try await DatabaseOptions.open(database.location, logger: logger)
        if let replica = readDatabase ?? environment["GLOSSA_READ_DATABASE"] {
            guard PostgresLocation.isURL(replica), store is PostgresStore else {
                throw ValidationError("--read-database takes a postgres:// URL, with a PostgreSQL --database")
            }
            do {
                store = ReadReplicaStorage(primary: store, replica: try await PostgresStore(url: replica, readOnly: true, logger: logger))
            } catch {
                throw CLIError(error.description)
            }
        }
        let memory = TranslationMemory(store: store)
        let glossary = Glossary(store: store)
        if !noSamples { try await SampleData.loadIfNew(into: memory, glossary: glossary, logger: logger) }
        if configuration.token == nil {
            logger.notice("no admin token configured: TM imports and /v1/tokens over HTTP are refused (set --token or GLOSSA_TOKEN)")
        }
        logger.info("database \(store.location)")
        let app = GlossaApplication.make(
            memory: memory, glossary: glossary, tokens: AccessTokens(store: store), configuration: configuration,
            metrics: GlossaMetrics(registry: registry), logger: logger)
        // A service group shuts its services down in reverse order, each after the one before has
        // returned: the server first (it stops accepting and finishes running requests), then the store.
        var group = ServiceGroupConfiguration(
            services: [.init(service: StoreService(store: store, logger: logger)), .init(service: app)],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        group.maximumGracefulShutdownDuration = .seconds(grace)
        try await ServiceGroup(configuration: group).run()
    }

    /// An integer setting from the environment; nil when unset.
    static func integer(_ name: String, in environment: [String: String]) throws -> Int? {
        try environment[name].map { raw in
            guard let value = Int(raw) else { throw ValidationError("\(name) must be a whole number, not '\(raw)'") }
            return value
        }
    }
}

/// The sample memories of tmx/ and the glossaries of glossary/, loaded once into a new database.
enum SampleData {
    static func loadIfNew(into memory: TranslationMemory, glossary: Glossary, logger: Logger) async throws {
        guard try await !memory.store.hasImports() else { return }
        guard let folder = folder() else {
            logger.warning("sample data not found (set GLOSSA_SAMPLES_DIR to the folder holding tmx/)")
            return
        }
        if try await !memory.store.memories().contains(where: { $0.name == .samples }) {
            try await memory.createMemory(
                MemorySettings(name: .samples, description: "The sample news memories Glossa ships with", isPublic: true))
        }
        for file in Importer.expand([folder + "/tmx"]) {
            let report = try await memory.importer.importFile(at: file, into: .samples)
            logger.info("loaded sample \(report.origin): \(report.imported) units")
        }
        for file in Importer.expand([folder + "/glossary"]) where Glossary.isGlossaryFile(file) {
            let report = try await glossary.importGlossary(at: file)
            logger.info("loaded glossary \(report.origin): \(report.imported) concepts, \(report.terms) terms")
        }
    }

    /// GLOSSA_SAMPLES_DIR, else the working directory, else the source checkout this binary was built from.
    static func folder() -> String? {
        let candidates: [String?] = [
            ProcessInfo.processInfo.environment["GLOSSA_SAMPLES_DIR"],
            FileManager.default.currentDirectoryPath,
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path,
        ]
        return candidates.compactMap { $0 }.first { FileManager.default.fileExists(atPath: $0 + "/tmx") }
    }
}
