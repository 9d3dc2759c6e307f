import ArgumentParser
import Foundation
import GlossaSQLite
import GlossaStore
import GlossaText

/// `--db`, shared by every subcommand: flag, then GLOSSA_DB, then ./glossa.sqlite.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The SQLite database file (created when missing).", discussion: "Default: $GLOSSA_DB, else ./glossa.sqlite.", valueName: "path"))
    var db: String?

    var path: String { db ?? ProcessInfo.processInfo.environment["GLOSSA_DB"] ?? "glossa.sqlite" }

    func openStore() throws -> any Storage {
        do { return try SQLiteStore(path: path) } catch { throw CLIError(error.description) }
    }

    func open() throws -> TranslationMemory {
        TranslationMemory(store: try openStore())
    }

    func openGlossary() throws -> Glossary {
        Glossary(store: try openStore())
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
