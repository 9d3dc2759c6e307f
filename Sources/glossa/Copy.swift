import ArgumentParser
import Foundation
import GlossaPostgres
import GlossaStore

struct Copy: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy a whole memory and glossary from one database to another.",
        discussion: """
            Moves a memory between engines: from an SQLite file into PostgreSQL when it outgrows one \
            machine, or back. Units and concepts already in the target are skipped (they are keyed by \
            content), so an interrupted copy can simply be run again. The counts are checked at the end.

              glossa copy --from glossa.sqlite --to postgres://glossa@db.example/glossa
              glossa copy --from postgres://glossa@db.example/glossa --to backup.sqlite
            """)

    @Option(help: ArgumentHelp("The database to read: an SQLite file or a postgres:// URL.", valueName: "path-or-url"))
    var from: String

    @Option(help: ArgumentHelp("The database to write (created or migrated when needed).", valueName: "path-or-url"))
    var to: String

    @Flag(help: "Print the report as JSON.")
    var json = false

    func validate() throws {
        guard from != to else { throw ValidationError("--from and --to name the same database") }
        guard PostgresLocation.isURL(from) || FileManager.default.fileExists(atPath: from) else {
            throw ValidationError("--from: there is no database file '\(from)'")
        }
    }

    func run() async throws {
        let source = try await DatabaseOptions.open(from)
        let target = try await DatabaseOptions.open(to, role: .command)
        let started = Date()
        let report: StorageCopy.Report
        do {
            var lastLine = Date()
            report = try await StorageCopy(from: source, to: target).run { units in
                guard !json, Date().timeIntervalSince(lastLine) > 1 else { return }
                lastLine = Date()
                FileHandle.standardError.write(Data("\r\(units) units read".utf8))
            }
            try await target.close()
            try await source.close()
        } catch {
            throw CLIError("the copy stopped: \(error); what was copied is kept, run the command again to finish it")
        }
        if json { return try Output.json(report) }
        if !json { FileHandle.standardError.write(Data("\r".utf8)) }
        Output.line("copied \(source.location) → \(target.location) in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
        Output.line("units:    \(report.unitsCopied) copied, \(report.unitsPresent) already there (\(report.unitsRead) read)")
        Output.line("concepts: \(report.conceptsCopied) copied, \(report.conceptsPresent) already there (\(report.conceptsRead) read)")
    }
}
