import Foundation
import GlossaFormats
import GlossaStore
import Hummingbird

/// `/v1/memories` and `/v1/imports`: named memories, imports into them and the import history.
struct MemoryRoutes<Context: CallerRequestContext>: Sendable {
    let memory: TranslationMemory
    let configuration: ServerConfiguration
    let metrics: GlossaMetrics

    func addRoutes(to group: RouterGroup<Context>) {
        group.get("memories", use: list)
        group.post("memories", use: create)
        group.get("memories/:name", use: show)
        group.patch("memories/:name", use: update)
        group.post("memories/:name/import", use: importFile)
        group.get("memories/:name/export", use: export)
        group.get("imports", use: imports)
    }

    struct MemoryList: ResponseEncodable {
        let memories: [MemoryView]
    }

    @Sendable func list(_ request: Request, context: Context) async throws -> MemoryList {
        let readable = readableMemories(context.caller)
        return MemoryList(memories: try await memory.memories().filter { readable($0.memory) }.map { MemoryView($0.memory, units: $0.units) })
    }

    @Sendable func show(_ request: Request, context: Context) async throws -> MemoryView {
        let found = try await memory.readableMemory(try name(context), by: context.caller)
        let units = try await memory.store.unitCounts()[found.id] ?? 0
        return MemoryView(found, units: units)
    }

    /// The fields of a memory a request sets; those left out keep their value (a new memory's defaults).
    struct MemoryBody: Decodable {
        let name: String?
        let description: String?
        let client: String?
        let domain: String?
        let project: String?
        let penalty: Int?
        let `public`: Bool?

        func apply(to settings: inout MemorySettings) throws {
            let change = MemorySettingsChange(
                name: try name.map { try MemoryName($0) }, description: description, client: client, domain: domain, project: project,
                penalty: penalty, isPublic: `public`)
            try change.apply(to: &settings)
        }
    }

    static var example: String { #"{"name":"client-acme","client":"ACME","domain":"legal","penalty":0,"public":false}"# }

    @Sendable func create(_ request: Request, context: Context) async throws -> Response {
        try context.caller.requireAdmin(to: "create a memory")
        let body = try await JSONBody.decode(MemoryBody.self, from: request, limit: configuration.maxJSONBytes, example: Self.example)
        guard let name = body.name else { throw Problem.badRequest("the body needs a 'name': \(Self.example)") }
        var settings = try MemorySettings(name: try MemoryName(name))
        try body.apply(to: &settings)
        let created = try await memory.createMemory(settings)
        var response = try context.responseEncoder.encode(MemoryView(created, units: 0), from: request, context: context)
        response.status = .created
        response.headers[.location] = "/v1/memories/\(created.name)"
        return response
    }

    @Sendable func update(_ request: Request, context: Context) async throws -> MemoryView {
        let name = try name(context)
        try context.caller.requireToken(to: "change memory '\(name)'")
        _ = try await memory.readableMemory(name, by: context.caller)
        try context.caller.requireAdmin(to: "change memory '\(name)'")
        let body = try await JSONBody.decode(MemoryBody.self, from: request, limit: configuration.maxJSONBytes, example: Self.example)
        let updated = try await memory.updateMemory(named: name) { settings in try body.apply(to: &settings) }
        return MemoryView(updated, units: try await memory.store.unitCounts()[updated.id] ?? 0)
    }

    /// The memory's units as TMX, with `/v1/tm/export`'s languages and filters.
    @Sendable func export(_ request: Request, context: Context) async throws -> Response {
        let name = try name(context)
        let parameters = QueryParameters(request)
        if try parameters.get("memories") != nil { throw Problem.badRequest("the path names the memory: drop 'memories'") }
        var scopeParameters = try ScopeParameters(parameters)
        scopeParameters.memories = [name]
        return try await TMRoutes<Context>.exportTMX(
            memory: memory, parameters: parameters, scope: scopeParameters, caller: context.caller, filename: name.value)
    }

    @Sendable func importFile(_ request: Request, context: Context) async throws -> Response {
        let name = try name(context)
        let (importer, metrics) = (memory.importer, metrics)
        try await memory.requireWrite(name, by: context.caller, to: "import into memory '\(name)'")
        let languages = try ImportUpload.languages(QueryParameters(request))
        return try await ImportUpload(limit: configuration.maxImportBytes, format: nil)
            .handle(request, context: context) { path, origin, dryRun in
                try await metrics.trackingImport { progress in
                    try await importer.importFile(at: path, into: name, origin: origin, languages: languages, dryRun: dryRun) {
                        progress($0.unitsRead)
                    }
                }
            }
    }

    struct ImportResponse: Encodable {
        let id: Int64
        let memory: MemoryName?
        let origin: String
        let finishedAt: String
        let unitsRead: Int
        let imported: Int
        let duplicates: Int
        let rejected: Int
    }

    struct ImportList: ResponseEncodable {
        let imports: [ImportResponse]
    }

    @Sendable func imports(_ request: Request, context: Context) async throws -> ImportList {
        let scope = try await ScopeParameters(QueryParameters(request)).scope(of: memory, readable: readableMemories(context.caller))
        let memories = Array(scope.memories.values)
        return ImportList(
            imports: try await memory.imports(in: memories).map { record in
                ImportResponse(
                    id: record.id, memory: scope.memories[record.memoryID]?.name, origin: record.origin, finishedAt: record.finishedAt,
                    unitsRead: record.counts.read, imported: record.counts.imported, duplicates: record.counts.duplicates,
                    rejected: record.counts.rejected)
            })
    }

    // MARK: Helpers

    private func name(_ context: Context) throws -> MemoryName {
        try MemoryName(try context.parameters.require("name"))
    }
}

/// The memories a caller may read: the public ones, and those its token opens (all for the admin).
func readableMemories(_ caller: Caller) -> @Sendable (StoredMemory) -> Bool {
    { caller.canRead(memory: $0.name.value, isPublic: $0.settings.isPublic) }
}

/// The ids of the memories a caller may read; nil when it may read every one.
func readableMemoryIDs(_ caller: Caller, of memory: TranslationMemory) async throws -> [Int64]? {
    let readable = readableMemories(caller)
    let memories = try await memory.store.memories()
    let ids = memories.filter(readable).map(\.id)
    return ids.count == memories.count ? nil : ids
}

extension TranslationMemory {
    /// The memory, if the caller may read it; else not found, as for one that does not exist, so
    /// that a token learns nothing of the memories it may not read.
    func readableMemory(_ name: MemoryName, by caller: Caller) async throws -> StoredMemory {
        let found = try await memory(named: name)
        guard readableMemories(caller)(found) else { throw MemoryError.notFound(name.value) }
        return found
    }

    /// Throws unless the caller may write into the memory (not found when it may not even read it).
    func requireWrite(_ name: MemoryName, by caller: Caller, to action: String) async throws {
        try caller.requireToken(to: action)
        _ = try await readableMemory(name, by: caller)
        try caller.requireWrite(memory: name.value, to: action)
    }
}

extension MemoryView: ResponseEncodable {}
