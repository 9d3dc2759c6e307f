import ArgumentParser
import GlossaStore

struct Dedupe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find (and with --apply remove) units of a memory that differ only in case, width, spacing, markup or dates.",
        discussion: """
            A memory stores a unit's content once, but CAT tools export the same sentence pair \
            cased, spaced or tagged differently, and each variant is stored. Units whose segments \
            are the same once normalized (NFKC, case-folded, whitespace collapsed, markup left out) \
            form a group; the newest stays: the latest TMX changedate, else creationdate, else the \
            unit imported last. Without --apply nothing is removed: read the report first. Run \
            --apply when nothing else writes to the memory.

              glossa dedupe --memory client-acme
              glossa dedupe --memory client-acme --apply
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(help: "The memory to clean.")
    var memory: MemoryName = .defaultMemory

    @Flag(help: "Remove the duplicates (default: only report them).")
    var apply = false

    @Option(help: "How many groups to list.")
    var list = DuplicateReport.defaultListed

    @Flag(help: "Print JSON.")
    var json = false

    func validate() throws {
        guard list >= 0 else { throw ValidationError("--list takes a count, 0 or more, not \(list)") }
    }

    func run() async throws {
        let translationMemory = try await database.open()
        let report = try await cliErrors {
            let found = try await translationMemory.memory(named: memory)
            return apply
                ? try await translationMemory.removeDuplicates(in: found, listed: list)
                : try await translationMemory.duplicates(in: found, listed: list)
        }
        if json { return try Output.json(report) }
        let verdict =
            apply
            ? "removed \(report.removed)" : report.duplicates == 0 ? "nothing to remove" : "would remove \(report.duplicates) (run with --apply)"
        Output.line("\(report.memory): \(report.units) units, \(report.groups) groups of duplicates; \(verdict)")
        for group in report.listedGroups {
            Output.line("  keep \(group.kept), remove \(group.removed.map(String.init).joined(separator: ", "))")
        }
        if report.listedGroups.count < report.groups { Output.line("  ... \(report.groups - report.listedGroups.count) more groups") }
    }
}
