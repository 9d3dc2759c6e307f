import ArgumentParser
import Foundation
import GlossaPostgres
import GlossaSQLite
import GlossaStore
import GlossaText
import Logging

/// `--database` (or `--db`), shared by every subcommand: flag, then GLOSSA_DATABASE, then
/// GLOSSA_DB, then ./glossa.sqlite.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "A PostgreSQL database (postgres://USER@HOST[:PORT]/DATABASE) or an SQLite file.",
            discussion: """
                Default: $GLOSSA_DATABASE, else $GLOSSA_DB, else ./glossa.sqlite. The PostgreSQL password comes from \
                $PGPASSWORD or the file $GLOSSA_DATABASE_PASSWORD_FILE names; ?schema=NAME keeps the tables in a \
                schema of their own, ?pool=N caps the connections.
                """, valueName: "url-or-path"))
    var database: String?

    @Option(name: .long, help: ArgumentHelp("The SQLite database file (created when missing).", valueName: "path"))
    var db: String?

    func validate() throws {
        if database != nil, db != nil { throw ValidationError("give --database or --db, not both") }
    }

    var location: String {
        let environment = ProcessInfo.processInfo.environment
        return database ?? db ?? environment["GLOSSA_DATABASE"] ?? environment["GLOSSA_DB"] ?? "glossa.sqlite"
    }

    func openStore(role: SQLiteStore.ProcessRole = .server) async throws -> any Storage {
        try await Self.open(location, role: role)
    }

    /// A PostgreSQL URL opens the PostgreSQL engine; anything else is an SQLite file. A command
    /// that imports says so (`role: .command`): its first import into an SQLite file no other
    /// process has open then bypasses the WAL.
    static func open(_ location: String, role: SQLiteStore.ProcessRole = .server, logger: Logger = quietLogger) async throws -> any Storage {
        do {
            if PostgresLocation.isURL(location) { return try await PostgresStore(url: location, logger: logger) }
            return try SQLiteStore(path: location, role: role)
        } catch {
            throw CLIError(error.description)
        }
    }

    /// The database's own messages (connections retried, migrations) stay out of a command's output
    /// unless they are warnings.
    static var quietLogger: Logger {
        var logger = Logger(label: "glossa.database")
        logger.logLevel = .warning
        return logger
    }

    func open() async throws -> TranslationMemory {
        TranslationMemory(store: try await openStore())
    }

    func openGlossary() async throws -> Glossary {
        Glossary(store: try await openStore())
    }
}

extension QueryBound {
    func check(_ value: Int, option: String) throws {
        guard range.contains(value) else { throw ValidationError("\(option) must be from \(range.lowerBound) to \(range.upperBound)") }
    }
}

/// A failure reported as `error: <message>` with exit code 1.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

/// `--to en,ru,zh`.
struct LanguageList: ExpressibleByArgument {
    let tags: [LanguageTag]

    init?(argument: String) {
        var tags: [LanguageTag] = []
        for part in argument.split(separator: ",") {
            guard let tag = try? LanguageTag(String(part)) else { return nil }
            tags.append(tag)
        }
        self.tags = tags
    }
}

extension LanguageTag: ExpressibleByArgument {
    public init?(argument: String) {
        guard let tag = try? LanguageTag(argument) else { return nil }
        self = tag
    }
}

/// Writes to standard output without Foundation's buffering surprises.
enum Output {
    static func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        FileHandle.standardOutput.write(try encoder.encode(value))
        FileHandle.standardOutput.write(Data("\n".utf8))
    }

    static func line(_ text: String = "") {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
