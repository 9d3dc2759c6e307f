import ArgumentParser
import Foundation
import GlossaModel
import GlossaStore
import GlossaText

/// `en="Good morning."`: one segment, as `unit add` and `unit edit` take them.
struct SegmentArgument: ExpressibleByArgument {
    let segment: Segment

    init?(argument: String) {
        guard let equals = argument.firstIndex(of: "="), let language = try? LanguageTag(String(argument[..<equals])) else { return nil }
        segment = Segment(language: language, text: String(argument[argument.index(after: equals)...]))
    }
}

struct UnitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unit",
        abstract: "Add, show, correct and remove single units.",
        discussion: """
            Segments are given as LANGUAGE=TEXT. Ids are the unitID of lookups and concordance hits.

              glossa unit add --memory client-acme en="The merger closes in May." ru="Слияние завершится в мае."
              glossa unit edit 42 ru="Совет директоров одобрил слияние."
              glossa unit delete 42
            """,
        subcommands: [UnitShow.self, UnitAdd.self, UnitEdit.self, UnitDelete.self])
}

struct UnitShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a unit's segments and where it came from.")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The unit's id.") var id: Int64

    func run() async throws {
        let memory = try await database.open()
        guard let unit = try await cliErrors({ try await memory.unit(id: id) }) else { throw CLIError("no unit \(id)") }
        UnitCommand.print(unit)
    }
}

struct UnitAdd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a unit (a confirmed segment and its translations).")
    @OptionGroup var database: DatabaseOptions
    @Option(help: "The memory it goes into.") var memory = MemoryName.defaultMemory
    @Argument(help: ArgumentHelp("Its segments, two or more.", valueName: "language=text")) var segments: [SegmentArgument]

    func run() async throws {
        let translationMemory = try await database.open()
        let unit = TranslationUnit(sourceLanguage: segments.first?.segment.language, segments: segments.map(\.segment))
        let counts = try await cliErrors { try await translationMemory.addUnits([unit], into: memory, origin: UnitCommand.origin) }
        Output.line(counts.imported == 1 ? "added to \(memory)" : "\(memory) holds this unit already")
    }
}

struct UnitEdit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit", abstract: "Correct a unit: the segments given replace those of their languages; its id stays, changedate is set.")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The unit's id.") var id: Int64
    @Argument(help: ArgumentHelp("The corrected segments.", valueName: "language=text")) var segments: [SegmentArgument]

    func run() async throws {
        let memory = try await database.open()
        let updated = try await cliErrors { try await memory.correctUnit(id: id, segments: segments.map(\.segment)) }
        guard let updated else { throw CLIError("no unit \(id)") }
        UnitCommand.print(updated)
    }
}

struct UnitDelete: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "delete", abstract: "Remove a unit with its index entries.")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The unit's id.") var id: Int64

    func run() async throws {
        let memory = try await database.open()
        guard try await cliErrors({ try await memory.deleteUnits(ids: [id]) }) == 1 else { throw CLIError("no unit \(id)") }
        Output.line("deleted unit \(id)")
    }
}

extension UnitCommand {
    /// The origin of units added by hand (a file's name otherwise).
    static let origin = "cli"

    static func print(_ unit: StoredUnit) {
        Output.line("unit \(unit.id)  from \(unit.origin)\(unit.metadata.changeDate.map { "  changed \($0)" } ?? "")")
        for (segment, _) in unit.segments { Output.line("  \(segment.language.canonical)  \(segment.text)") }
    }
}
