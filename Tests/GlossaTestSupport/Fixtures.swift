import Foundation
import GlossaPostgres
import GlossaSQLite
import GlossaStore
import Logging

/// Paths of the test data: the peer corpus (copied from shared/corpus with its MANIFEST.md as
/// attribution) and the repository's own sample memories.
public enum Fixtures {
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    public static let corpus = root.appendingPathComponent("Fixtures/corpus")
    public static let repository = root.deletingLastPathComponent()
    public static let sampleTMX = repository.appendingPathComponent("tmx/putin-xi-state-visit-2024.tmx").path

    public static func corpusFile(_ relative: String) -> String {
        corpus.appendingPathComponent(relative).path
    }

    /// A file with `contents` in a new temporary folder.
    public static func write(_ contents: String, name: String = "test.tmx") throws -> String {
        try write(Data(contents.utf8), name: name)
    }

    public static func write(_ data: Data, name: String = "test.tmx") throws -> String {
        let path = temporaryDirectory().appendingPathComponent(name).path
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    public static func temporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("glossa-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A path for a new SQLite database.
    /// The engine the store and server tests run on: PostgreSQL when `GLOSSA_TEST_POSTGRES` names a
    /// database (`.ci/postgres.sh` starts one), else SQLite.
    /// A PostgreSQL database for the tests (`.ci/postgres.sh` starts one): `GLOSSA_TEST_POSTGRES`.
    /// The tests of the PostgreSQL engine itself run only when it is set.
    public static let postgresURL = ProcessInfo.processInfo.environment["GLOSSA_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }

    /// The engine the store and server tests run on: PostgreSQL when `GLOSSA_TEST_ENGINE` is
    /// `postgres`, else SQLite. CI runs them once on each.
    public static let testsPostgres = ProcessInfo.processInfo.environment["GLOSSA_TEST_ENGINE"] == "postgres"

    /// A new, empty store on the engine under test: a new SQLite file, or a new schema of the
    /// PostgreSQL database.
    public static func newStore() async throws -> any Storage {
        testsPostgres ? try await newPostgresStore() : try SQLiteStore(path: databasePath())
    }

    /// A store on a new schema of the test database (or on `schema`, which two stores may share as
    /// two servers share a database).
    public static func newPostgresStore(schema: String = newSchemaName(), connections: Int = testConnections) async throws -> PostgresStore {
        guard let url = postgresURL else { fatalError("GLOSSA_TEST_POSTGRES is not set: start a cluster with .ci/postgres.sh") }
        let location = try PostgresLocation(url: url + (url.contains("?") ? "&" : "?") + "schema=\(schema)&pool=\(connections)")
        return try await PostgresStore(location: location, logger: Logger(label: "glossa.test"), idleTimeout: .seconds(1))
    }

    public static func newSchemaName() -> String {
        "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    }

    /// Few connections per store: a test run holds hundreds of stores open at once.
    public static let testConnections = 2

    public static func databasePath() -> String {
        temporaryDirectory().appendingPathComponent("glossa.sqlite").path
    }

    /// A TMX document with one `<tu>` per row; each row maps language tags to segment text (escaped here).
    public static func tmx(_ units: [[(String, String)]], srclang: String = "en") -> String {
        var body = ""
        for (index, unit) in units.enumerated() {
            body += "<tu tuid=\"t\(index + 1)\">"
            for (language, text) in unit {
                let escaped = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                body += "<tuv xml:lang=\"\(language)\"><seg>\(escaped)</seg></tuv>"
            }
            body += "</tu>\n"
        }
        return tmxDocument(body: body, srclang: srclang)
    }

    /// A TMX document around `body` (its `<tu>` elements, as they are).
    public static func tmxDocument(body: String, srclang: String = "en") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <tmx version="1.4"><header srclang="\(srclang)" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="test" creationtool="test" creationtoolversion="1"/>
        <body>
        \(body)</body></tmx>
        """
    }
}

/// The TMX rows of the corpus MANIFEST.md: file and the `<tu>`/`<tuv>` counts it measured.
public struct ManifestEntry: Sendable {
    public let file: String
    public let units: Int
    public let variants: Int
}

extension Fixtures {
    public static func manifestTMX() throws -> [ManifestEntry] {
        let text = try String(contentsOf: corpus.appendingPathComponent("MANIFEST.md"), encoding: .utf8)
        let row = try Regex(#"^\| `(tmx/[^`]+)` \|[^|]*\|[^|]*\| ([^|]*)\|"#).anchorsMatchLineEndings()
        let counts = try Regex(#"(\d+) tu / (\d+) tuv"#)
        var entries: [ManifestEntry] = []
        for line in text.split(separator: "\n") {
            guard let match = try row.firstMatch(in: String(line)) else { continue }
            let file = String(match.output[1].substring ?? "")
            let structure = String(match.output[2].substring ?? "")
            if let numbers = try counts.firstMatch(in: structure) {
                entries.append(
                    ManifestEntry(
                        file: file, units: Int(numbers.output[1].substring!)!,
                        variants: Int(numbers.output[2].substring!)!))
            } else {
                entries.append(ManifestEntry(file: file, units: 0, variants: 0))  // "-": the 0-byte file
            }
        }
        return entries
    }
}

/// A TBX row of the corpus MANIFEST.md: the entries and `<term>`s it measured (0 for the 0-byte file).
public struct TBXManifestEntry: Sendable, CustomStringConvertible {
    public let file: String
    public let bytes: Int
    public let entries: Int
    public let terms: Int
    public var description: String { file }
}

/// A glossary row of the corpus MANIFEST.md: "what a correct importer should produce", as written
/// and as counts: entries with two languages or more, untranslated rows (source only), languages
/// per entry when it says "x N languages".
public struct GlossaryManifestEntry: Sendable, CustomStringConvertible {
    public let file: String
    public let bytes: Int
    public let expectation: String
    public let entries: Int
    public let untranslated: Int
    public let languagesPerEntry: Int?
    public var description: String { file }
}

extension Fixtures {
    public static func manifestTBX() throws -> [TBXManifestEntry] {
        let counts = try Regex(#"(\d+) entries / (\d+) terms"#)
        return try manifestRows(under: "tbx/").map { cells in
            let numbers = try counts.firstMatch(in: cells[3])  // "-" for the 0-byte file
            return TBXManifestEntry(
                file: cells[0], bytes: Int(cells[1]) ?? -1,
                entries: numbers.map { Int($0.output[1].substring!)! } ?? 0,
                terms: numbers.map { Int($0.output[2].substring!)! } ?? 0)
        }
    }

    public static func manifestGlossaries() throws -> [GlossaryManifestEntry] {
        // "1 entry", "3 entries", "1 usable entry", "7 rows", "2 entries x 3 languages", "(3 untranslated rows)"
        let entries = try Regex(#"^(\d+) (?:usable )?(?:entry|entries|rows)"#)
        let untranslated = try Regex(#"(\d+) untranslated"#)
        let languages = try Regex(#"x (\d+) languages"#)
        func number(_ regex: Regex<AnyRegexOutput>, _ text: String) throws -> Int? {
            try regex.firstMatch(in: text).flatMap { Int($0.output[1].substring ?? "") }
        }
        return try manifestRows(under: "glossary/").map { cells in
            let expectation = cells[5]
            return GlossaryManifestEntry(
                file: cells[0], bytes: Int(cells[1]) ?? -1, expectation: expectation,
                entries: try number(entries, expectation) ?? 0,
                untranslated: try number(untranslated, expectation) ?? 0,
                languagesPerEntry: try number(languages, expectation))
        }
    }

    /// The cells of the MANIFEST.md table rows whose file is under `folder`, file name unquoted.
    private static func manifestRows(under folder: String) throws -> [[String]] {
        let text = try String(contentsOf: corpus.appendingPathComponent("MANIFEST.md"), encoding: .utf8)
        return text.split(separator: "\n").filter { $0.hasPrefix("| `\(folder)") }.map { line in
            line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
                .map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "`")) }
        }
    }
}
