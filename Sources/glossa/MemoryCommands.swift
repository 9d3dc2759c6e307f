import ArgumentParser
import Foundation
import GlossaModel
import GlossaStore

extension MemoryName: ExpressibleByArgument {
    public init?(argument: String) {
        guard let name = try? MemoryName(argument) else { return nil }
        self = name
    }
}

/// `--memories a,b --penalty old-tm:5 --prop domain=legal`: the memories a lookup, concordance
/// search or export reads, and the filters its units pass (as the HTTP API's scope parameters).
struct ScopeOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Search only these memories (default: every memory).", valueName: "names"))
    var memories: String?

    @Option(help: ArgumentHelp("Points off a memory's scores for this search, as memory:points (old-tm:5,client-acme:0).", valueName: "list"))
    var penalty: String?

    @Option(help: ArgumentHelp("Only memories of this client.", valueName: "name"))
    var client: String?

    @Option(help: ArgumentHelp("Only memories of this subject field.", valueName: "name"))
    var domain: String?

    @Option(help: ArgumentHelp("Only memories of this project.", valueName: "name"))
    var project: String?

    @Option(help: ArgumentHelp("Only units with this TMX prop, as TYPE=VALUE (repeatable).", valueName: "type=value"))
    var prop: [String] = []

    @Option(help: ArgumentHelp("Only units changed (or created) after this date: 2024-05-16 or 20240516T103000Z.", valueName: "date"))
    var changedAfter: String?

    /// Whether any option narrows the units beyond the memories and their penalties.
    var filters: Bool { client != nil || domain != nil || project != nil || !prop.isEmpty || changedAfter != nil }

    func scope(of memory: TranslationMemory) async throws -> MemoryScope? {
        guard memories != nil || penalty != nil || filters else { return nil }
        let names = try memories.map { list in try list.split(separator: ",").map { try MemoryName(String($0)) } }
        var penalties: [MemoryName: Int] = [:]
        for item in (penalty ?? "").split(separator: ",") {
            let parts = item.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, let points = Int(parts[1]), MemorySettings.penalties.contains(points) else {
                throw ValidationError("--penalty takes memory:points pairs with points 0-100 (old-tm:5), not '\(item)'")
            }
            penalties[try MemoryName(String(parts[0]))] = points
        }
        var scope = try await memory.scope(names: names, penalties: penalties, client: client, domain: domain, project: project)
        scope.properties = try prop.map { item in
            guard let equals = item.firstIndex(of: "="), equals != item.startIndex else {
                throw ValidationError("--prop takes TYPE=VALUE (x-project=alpha), not '\(item)'")
            }
            return Property(type: String(item[..<equals]), value: String(item[item.index(after: equals)...]))
        }
        if let changedAfter {
            guard let date = MemoryScope.tmxDate(changedAfter) else {
                throw ValidationError("--changed-after takes a date: 2024-05-16, 2024-05-16T10:30:00Z or 20240516T103000Z")
            }
            scope.changedAfter = date
        }
        return scope
    }
}

struct MemoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "memory",
        abstract: "Create, list, change and remove named memories.",
        discussion: """
            Units belong to one memory: a client's, a project's, an old one searched with a penalty. \
            Imports go to the memory `default` unless --memory names another; lookups search every \
            memory unless --memories narrows them.

              glossa memory create client-acme --client ACME --domain legal
              glossa import --memory client-acme acme-2024.tmx
              glossa memory update old-tm --penalty 5
              glossa lookup "Payment is due" --from en --to de --memories client-acme,old-tm
            """,
        subcommands: [MemoryList.self, MemoryShow.self, MemoryCreate.self, MemoryUpdate.self, MemoryRename.self, MemoryDelete.self])
}

/// The settings a memory command sets.
struct MemorySettingsOptions: ParsableArguments {
    @Option(help: "What the memory holds, for people.")
    var description: String?
    @Option(help: "The client it serves (lookups can filter on it: client=).")
    var client: String?
    @Option(help: "Its subject field (domain=).")
    var domain: String?
    @Option(help: "Its project (project=).")
    var project: String?
    @Option(help: "Points off every score from this memory (0-100), as OmegaT's penalty-NN folders.")
    var penalty: Int?
    @Flag(inversion: .prefixedNo, help: "Readable without a token (new memories are private).")
    var `public`: Bool?

    func apply(to settings: inout MemorySettings) throws {
        let change = MemorySettingsChange(
            description: description, client: client, domain: domain, project: project, penalty: penalty, isPublic: `public`)
        try change.apply(to: &settings)
    }
}

struct MemoryList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the memories with their unit counts.")
    @OptionGroup var database: DatabaseOptions
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        let memories = try await cliErrors { try await database.open().memories() }
        if json { return try Output.json(memories.map { MemoryView($0.memory, units: $0.units) }) }
        for summary in memories { Output.line(MemoryView(summary.memory, units: summary.units).line) }
    }
}

struct MemoryShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a memory's settings, units and imports.")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The memory's name.") var name: MemoryName
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        let memory = try await database.open()
        let (found, units, imports) = try await cliErrors {
            let found = try await memory.memory(named: name)
            return (found, try await memory.store.unitCounts()[found.id] ?? 0, try await memory.imports(in: [found]))
        }
        let output = MemoryView(found, units: units)
        if json { return try Output.json(output) }
        Output.line(output.line)
        if let description = found.settings.description { Output.line("  \(description)") }
        Output.line("  created \(found.createdAt), \(imports.count) imports")
        for record in imports.prefix(Self.importsShown) {
            Output.line("  import \(record.id)  \(record.finishedAt)  \(record.origin): \(record.counts.imported) units added")
        }
    }

    static let importsShown = 20
}

struct MemoryCreate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a memory (private unless --public).")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "Its name: lowercase letters and digits, then also '.', '_' or '-' (client-acme, news-2024).") var name: MemoryName
    @OptionGroup var settings: MemorySettingsOptions

    func run() async throws {
        let memory = try await database.open()
        let created = try await cliErrors {
            var settings = try MemorySettings(name: name)
            try self.settings.apply(to: &settings)
            return try await memory.createMemory(settings)
        }
        Output.line("created " + MemoryView(created, units: 0).line)
    }
}

struct MemoryUpdate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update", abstract: "Change a memory's settings (an empty value clears a text).",
        discussion: "  glossa memory update old-tm --penalty 5 --no-public")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The memory's name.") var name: MemoryName
    @OptionGroup var settings: MemorySettingsOptions

    func run() async throws {
        let memory = try await database.open()
        let updated = try await cliErrors { try await memory.updateMemory(named: name) { try self.settings.apply(to: &$0) } }
        Output.line("updated " + MemoryView(updated, units: try await memory.store.unitCounts()[updated.id] ?? 0).line)
    }
}

struct MemoryRename: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rename", abstract: "Rename a memory (its units stay).")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The memory's name.") var name: MemoryName
    @Argument(help: "Its new name.") var newName: MemoryName

    func run() async throws {
        let memory = try await database.open()
        try await cliErrors { try await memory.updateMemory(named: name) { $0.name = newName } }
        Output.line("renamed \(name) to \(newName)")
    }
}

struct MemoryDelete: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete a memory with its units, its import history and its tokens.",
        discussion: "The memory `default` is kept: undo its imports instead (glossa imports delete ID).")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The memory's name.") var name: MemoryName

    func run() async throws {
        let memory = try await database.open()
        let units = try await cliErrors {
            let found = try await memory.memory(named: name)
            let units = try await memory.store.unitCounts()[found.id] ?? 0
            try await memory.deleteMemory(named: name)
            return units
        }
        Output.line("deleted \(name) and its \(units) units")
    }
}

extension MemoryView {
    var line: String {
        var parts = ["\(name)", "\(units) units", `public` ? "public" : "private"]
        if penalty > 0 { parts.append("penalty \(penalty)") }
        for (label, value) in [("client", client), ("domain", domain), ("project", project)] {
            if let value { parts.append("\(label) \(value)") }
        }
        return parts.joined(separator: "  ")
    }
}

struct Imports: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the imports, newest first, with their memory and counts; undo one.",
        discussion: """
              glossa imports --memory client-acme
              glossa imports delete 42
            """,
        subcommands: [ImportsList.self, ImportsDelete.self], defaultSubcommand: ImportsList.self)
}

struct ImportsDelete: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Undo an import: remove the units it added (not those another import had stored) and its history line.")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The import's id (glossa imports lists them).") var id: Int64

    func run() async throws {
        let memory = try await database.open()
        let removed = try await cliErrors { try await memory.undoImport(id: id) }
        Output.line("undid import \(id): \(removed) units removed")
    }
}

struct ImportsList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the imports, newest first, with their memory and counts.",
        discussion: "  glossa imports list --memory client-acme")
    @OptionGroup var database: DatabaseOptions
    @Option(help: "Only the imports into this memory.") var memory: MemoryName?
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        let translationMemory = try await database.open()
        let (memories, records) = try await cliErrors {
            let memories = try await translationMemory.store.memories()
            var chosen: [StoredMemory]?
            if let memory { chosen = [try await translationMemory.memory(named: memory)] }
            return (memories, try await translationMemory.imports(in: chosen))
        }
        let names: [Int64: MemoryName] = Dictionary(uniqueKeysWithValues: memories.map { ($0.id, $0.name) })
        if json { return try Output.json(records) }
        for record in records {
            let name = names[record.memoryID]?.value ?? "?"
            Output.line(
                "\(record.id)  \(record.finishedAt)  \(name)  \(record.origin): read \(record.counts.read), added \(record.counts.imported), "
                    + "\(record.counts.duplicates) duplicates, \(record.counts.rejected) rejected")
        }
    }
}

/// Runs `body`, reporting a store or memory error as the CLI's `error: ...` with exit code 1.
func cliErrors<T>(_ body: () async throws -> T) async throws -> T {
    do { return try await body() } catch let error as CLIError { throw error } catch { throw CLIError("\(error)") }
}
