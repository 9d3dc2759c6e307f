import ArgumentParser
import Foundation
import GlossaPostgres
import GlossaSQLite
import GlossaStore
import Logging

/// `GlossaBench lookup|recall|names`: each prints one JSON object on stdout (bench/run.sh collects
/// them). Uses only the public API of the store, the matcher and the transliterators, so it measures
/// what the CLI and the server do.
@main
struct GlossaBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "glossa-bench",
        abstract: "Benchmarks of Glossa (see bench/README.md).",
        subcommands: [LookupBench.self, RecallBench.self, NamesBench.self, NameSearchBench.self])
}

/// One line of queries.jsonl (bench/queries.py).
struct BenchQuery: Decodable {
    let text: String
    /// exact (verbatim memory sentence), edited (a memory sentence changed), heldout (removed before import).
    let kind: String
    let origin_text: String?
    /// For edited queries: what was changed (drop, replace, swap, numbers, case).
    let edit: String?
}

enum Bench {
    static func loadQueries(_ path: String, limit: Int? = nil) throws -> [BenchQuery] {
        let data = try String(contentsOfFile: path, encoding: .utf8)
        let decoder = JSONDecoder()
        var queries: [BenchQuery] = []
        for line in data.split(separator: "\n") where !line.allSatisfy(\.isWhitespace) {
            queries.append(try decoder.decode(BenchQuery.self, from: Data(line.utf8)))
            if let limit, queries.count >= limit { break }
        }
        return queries
    }

    /// Seconds on the monotonic clock.
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Runs `body` and returns its result and the milliseconds it took.
    static func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        let start = now()
        let result = try body()
        return (result, (now() - start) * 1000)
    }

    static func timed<T>(_ body: () async throws -> T) async rethrows -> (T, Double) {
        let start = now()
        let result = try await body()
        return (result, (now() - start) * 1000)
    }

    /// Median, p90, p99, mean, max of millisecond samples (nearest-rank percentiles).
    static func summary(_ samples: [Double]) -> [String: Any] {
        guard !samples.isEmpty else { return ["n": 0] }
        let sorted = samples.sorted()
        func pct(_ p: Double) -> Double { sorted[min(sorted.count - 1, max(0, Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1))] }
        return [
            "n": sorted.count, "median_ms": round3(pct(50)), "p90_ms": round3(pct(90)), "p99_ms": round3(pct(99)),
            "mean_ms": round3(sorted.reduce(0, +) / Double(sorted.count)), "max_ms": round3(sorted.last!),
        ]
    }

    static func round3(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }

    static func printJSON(_ object: [String: Any]) throws {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }

    /// Peak resident set size of this process so far, in MiB (VmHWM).
    static func peakRSSMiB() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kb = Double(line.split(separator: " ").dropFirst().first ?? "")
        else { return 0 }
        return round3(kb / 1024)
    }
}

/// The database a run reads: `--database` takes a PostgreSQL URL or an SQLite file, as the CLI's
/// does; `--db` keeps naming an SQLite file, so that older scripts still run.
struct DatabaseOption: ParsableArguments {
    @Option(
        help: ArgumentHelp("A PostgreSQL database (postgres://USER@HOST[:PORT]/DATABASE[?schema=NAME]) or an SQLite file.", valueName: "url-or-path"))
    var database: String?
    @Option(help: ArgumentHelp("An SQLite database file.", valueName: "path"))
    var db: String?

    func validate() throws {
        if database != nil, db != nil { throw ValidationError("give --database or --db, not both") }
        if database == nil, db == nil { throw ValidationError("give --database URL_OR_PATH (or --db PATH)") }
    }

    /// The results name the engine next to `db` (the store's location: a URL without its password).
    var engine: String { PostgresLocation.isURL(database ?? "") ? "postgres" : "sqlite" }

    /// The engine the value names, as `glossa --database` picks it: a PostgreSQL URL, else an SQLite file.
    func open() async throws -> any Storage {
        if let database, PostgresLocation.isURL(database) { return try await PostgresStore(url: database, logger: Self.quietLogger) }
        return try SQLiteStore(path: database ?? db ?? "")
    }

    /// The client's own messages (pool connections, migrations) would mix with a run's stderr
    /// progress lines; warnings still show.
    static var quietLogger: Logger {
        var logger = Logger(label: "glossa-bench.database")
        logger.logLevel = .warning
        return logger
    }
}

/// What the lookup and recall runs share: the memory, the queries, the languages and the minimum.
struct QueryOptions: ParsableArguments {
    @OptionGroup var database: DatabaseOption
    @Option var queries: String
    @Option var source = "en"
    @Option var target = "ru"
    @Option var min = 70
}
