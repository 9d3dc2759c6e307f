import GlossaStore
import Prometheus
import Synchronization

/// Glossa's own metrics, in the Prometheus registry that `GET /metrics` renders: TM lookup latency,
/// the progress of running imports, and the sizes of the memory and the glossary (read from the
/// database at each scrape, so imports from the CLI show too).
///
/// Per-route request counts and latencies come from Hummingbird's `MetricsMiddleware` through
/// swift-metrics, whose one backend per process must be a `PrometheusMetricsFactory` over this same
/// registry for them to appear (`glossa serve` bootstraps it at start).
public final class GlossaMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    private let lookupDuration: DurationHistogram
    private let importsRunning: Gauge
    private let importUnitsRead: Gauge
    private let authFailures: Counter
    /// Units read so far by each running import, by an id of its own.
    private let runningImports = Mutex<(nextID: Int, unitsRead: [Int: Int])>((0, [:]))

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        lookupDuration = registry.makeDurationHistogram(
            descriptor: Self.descriptor(
                "tm", "lookup_duration", unit: "seconds", "Time to find the matches of one sentence (GET or one segment of POST /v1/tm/lookup)"),
            buckets: [
                .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
                .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5),
            ])
        importsRunning = registry.makeGauge(descriptor: Self.descriptor("import", "running", "Imports running now"))
        importUnitsRead = registry.makeGauge(
            descriptor: Self.descriptor("import", "units_read", "Units read so far by the TMX imports running now (0 when none is)"))
        authFailures = registry.makeCounter(
            descriptor: Self.descriptor(
                "auth", "failures_total", "Requests refused with 401 for a wrong, revoked or malformed bearer token (guessing shows here)"))
    }

    /// Times one lookup.
    func timingLookup<T>(_ body: () async throws -> T) async rethrows -> T {
        let started = ContinuousClock.now
        defer { lookupDuration.record(ContinuousClock.now - started) }
        return try await body()
    }

    func countAuthFailure() { authFailures.increment() }

    /// Runs an import whose progress reports (units read so far) show in `glossa_import_units_read`.
    func trackingImport<T>(_ body: (_ progress: @escaping @Sendable (_ unitsRead: Int) -> Void) async throws -> T) async rethrows -> T {
        let id = runningImports.withLock { state in
            state.nextID += 1
            state.unitsRead[state.nextID] = 0
            return state.nextID
        }
        publishImports()
        defer {
            _ = runningImports.withLock { $0.unitsRead.removeValue(forKey: id) }
            publishImports()
        }
        return try await body { [self] unitsRead in
            runningImports.withLock { $0.unitsRead[id] = unitsRead }
            publishImports()
        }
    }

    private func publishImports() {
        let (running, unitsRead) = runningImports.withLock { ($0.unitsRead.count, $0.unitsRead.values.reduce(0, +)) }
        importsRunning.set(Int64(running))
        importUnitsRead.set(Int64(unitsRead))
    }

    /// The registry in Prometheus' text format, after reading the sizes of the memory and glossary.
    func scrape(memory: TranslationMemory, glossary: Glossary) async throws -> [UInt8] {
        let statistics = try await memory.store.statistics(memories: nil)
        let terms = try await glossary.store.glossaryStatistics()
        gauge("tm", "units", "Translation units in the memory").set(Int64(statistics.units))
        for language in statistics.languages {
            registry.makeGauge(
                descriptor: Self.descriptor("tm", "segments", "Segments in the memory, by language"),
                labels: [("language", language.language.canonical)]
            ).set(Int64(language.segments))
        }
        gauge("tm", "imports", "TMX imports recorded in the database").set(Int64(statistics.imports))
        gauge("glossary", "concepts", "Concepts in the glossary").set(Int64(terms.concepts))
        gauge("glossary", "terms", "Terms in the glossary, all languages").set(Int64(terms.terms))
        gauge("database", "size", unit: "bytes", "Size of the SQLite database file").set(Int64(statistics.databaseBytes))
        return registry.emitToBuffer()
    }

    private func gauge(_ subsystem: String, _ name: String, unit: String = "", _ help: String) -> Gauge {
        registry.makeGauge(descriptor: Self.descriptor(subsystem, name, unit: unit, help))
    }

    private static func descriptor(_ subsystem: String, _ name: String, unit: String = "", _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "glossa", subsystem: subsystem, metricName: name, unitName: unit, helpText: help)
    }
}
