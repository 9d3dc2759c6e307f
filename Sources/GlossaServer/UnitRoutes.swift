import Foundation
import GlossaModel
import GlossaStore
import GlossaText
import Hummingbird

/// Maintenance of memories: units added, read, corrected and removed one at a time (as a CAT tool
/// does when a translator confirms or fixes a segment) or by a search (counted first), imports
/// undone, memories removed. Each write needs the admin or a read-write token of the memory; a
/// unit, import or memory the caller may not read is answered as one that does not exist.
struct UnitRoutes<Context: CallerRequestContext>: Sendable {
    let memory: TranslationMemory
    let configuration: ServerConfiguration

    /// Under `/v1`.
    func addRoutes(to group: RouterGroup<Context>) {
        group.post("memories/:name/units", use: add)
        group.post("memories/:name/units/delete", use: deleteSelected)
        group.delete("memories/:name", use: deleteMemory)
        group.get("units/:id", use: show)
        group.put("units/:id", use: update)
        group.delete("units/:id", use: delete)
        group.delete("imports/:id", use: undoImport)
    }

    static var maxUnits: Int { 1_000 }

    struct SegmentBody: Codable {
        let language: String
        let text: String
    }

    struct UnitBody: Decodable {
        let tuid: String?
        let segments: [SegmentBody]
        let properties: [Property]?

        func translationUnit() throws -> TranslationUnit {
            let segments = try self.segments.enumerated().map { index, segment in
                Segment(language: try QueryParameters.language(segment.language, field: "segments[\(index)].language"), text: segment.text)
            }
            return TranslationUnit(
                tuid: tuid, sourceLanguage: segments.first?.language, segments: segments, metadata: Metadata(properties: properties ?? []))
        }
    }

    struct AddBody: Decodable {
        let units: [UnitBody]
        let origin: String?
    }

    static var addExample: String { #"{"units":[{"segments":[{"language":"en","text":"Good morning."},{"language":"ru","text":"Доброе утро."}]}]}"# }

    struct AddResponse: ResponseEncodable {
        let memory: MemoryName
        let read: Int
        let imported: Int
        let duplicates: Int
    }

    @Sendable func add(_ request: Request, context: Context) async throws -> Response {
        let name = try MemoryName(try context.parameters.require("name"))
        try await memory.requireWrite(name, by: context.caller, to: "add units to memory '\(name)'")
        let body = try await JSONBody.decode(AddBody.self, from: request, limit: configuration.maxJSONBytes, example: Self.addExample)
        guard (1...Self.maxUnits).contains(body.units.count) else {
            throw Problem.badRequest("'units' must hold 1 to \(Self.maxUnits) units, not \(body.units.count)")
        }
        let units = try body.units.map { try $0.translationUnit() }
        let counts = try await memory.addUnits(units, into: name, origin: body.origin ?? Self.origin)
        var response = try context.responseEncoder.encode(
            AddResponse(memory: name, read: counts.read, imported: counts.imported, duplicates: counts.duplicates), from: request, context: context)
        response.status = .created
        return response
    }

    /// The origin of units added over the API (a file's name otherwise).
    static var origin: String { "api" }

    struct SelectionBody: Decodable {
        let q: String?
        let lang: String?
        let origin: String?
        let properties: [String: String]?
        let changedAfter: String?
        let dryRun: Bool?
    }

    @Sendable func deleteSelected(_ request: Request, context: Context) async throws -> TranslationMemory.BulkRemoval {
        let name = try MemoryName(try context.parameters.require("name"))
        try await memory.requireWrite(name, by: context.caller, to: "remove units from memory '\(name)'")
        let body = try await JSONBody.decode(
            SelectionBody.self, from: request, limit: configuration.maxJSONBytes, example: #"{"q":"pipeline","lang":"en","dryRun":true}"#)
        var selection = TranslationMemory.UnitSelection(
            phrase: body.q, language: try body.lang.map { try QueryParameters.language($0, field: "'lang'") }, origin: body.origin)
        selection.properties = (body.properties ?? [:]).sorted { $0.key < $1.key }.map { Property(type: $0.key, value: $0.value) }
        if let date = body.changedAfter {
            guard let tmx = MemoryScope.tmxDate(date) else {
                throw Problem.badRequest("'changedAfter' takes a date: 2024-05-16 or 2024-05-16T10:30:00Z")
            }
            selection.changedAfter = tmx
        }
        return try await memory.deleteUnits(in: name, selecting: selection, dryRun: body.dryRun ?? false)
    }

    @Sendable func deleteMemory(_ request: Request, context: Context) async throws -> Response {
        let name = try MemoryName(try context.parameters.require("name"))
        try context.caller.requireToken(to: "delete memory '\(name)'")
        _ = try await memory.readableMemory(name, by: context.caller)
        try context.caller.requireAdmin(to: "delete memory '\(name)'")
        try await memory.deleteMemory(named: name)
        return Response(status: .noContent)
    }

    struct UnitResponse: ResponseEncodable {
        let id: Int64
        let memory: MemoryName?
        let tuid: String?
        let origin: String
        let segments: [SegmentBody]
        let creationDate: String?
        let changeDate: String?
        let properties: [Property]
    }

    @Sendable func show(_ request: Request, context: Context) async throws -> UnitResponse {
        let (unit, found) = try await readableUnit(context)
        return Self.response(unit, memory: found.name)
    }

    struct EditBody: Decodable {
        let segments: [SegmentBody]
    }

    @Sendable func update(_ request: Request, context: Context) async throws -> UnitResponse {
        try context.caller.requireToken(to: "correct a unit")
        let (unit, found) = try await readableUnit(context)
        try context.caller.requireWrite(memory: found.name.value, to: "correct unit \(unit.id)")
        let body = try await JSONBody.decode(
            EditBody.self, from: request, limit: configuration.maxJSONBytes, example: #"{"segments":[{"language":"ru","text":"..."}]}"#)
        let segments = try body.segments.enumerated().map { index, segment in
            Segment(language: try QueryParameters.language(segment.language, field: "segments[\(index)].language"), text: segment.text)
        }
        guard let updated = try await memory.correctUnit(id: unit.id, segments: segments) else { throw Self.unitNotFound(unit.id) }
        return Self.response(updated, memory: found.name)
    }

    @Sendable func delete(_ request: Request, context: Context) async throws -> Response {
        try context.caller.requireToken(to: "remove a unit")
        let (unit, found) = try await readableUnit(context)
        try context.caller.requireWrite(memory: found.name.value, to: "remove unit \(unit.id)")
        _ = try await memory.deleteUnits(ids: [unit.id])
        return Response(status: .noContent)
    }

    struct UndoResponse: ResponseEncodable {
        let id: Int64
        let memory: MemoryName
        let removed: Int
    }

    @Sendable func undoImport(_ request: Request, context: Context) async throws -> UndoResponse {
        let id = try Self.id(context, of: "an import")
        try context.caller.requireToken(to: "undo an import")
        let readable = readableMemories(context.caller)
        let memories = Dictionary(uniqueKeysWithValues: try await memory.store.memories().map { ($0.id, $0) })
        guard let record = try await memory.imports().first(where: { $0.id == id }), let owner = memories[record.memoryID], readable(owner)
        else { throw MemoryError.importNotFound(id) }
        try context.caller.requireWrite(memory: owner.name.value, to: "undo import \(id)")
        return UndoResponse(id: id, memory: owner.name, removed: try await memory.undoImport(id: id))
    }

    // MARK: Helpers

    private func readableUnit(_ context: Context) async throws -> (StoredUnit, StoredMemory) {
        let id = try Self.id(context, of: "a unit")
        let readable = readableMemories(context.caller)
        guard let unit = try await memory.unit(id: id),
            let found = try await memory.store.memories().first(where: { $0.id == unit.memoryID }), readable(found)
        else { throw Self.unitNotFound(id) }
        return (unit, found)
    }

    private static func id(_ context: Context, of what: String) throws -> Int64 {
        guard let id = try? context.parameters.require("id", as: Int64.self) else {
            throw Problem.badRequest("the id of \(what) is a whole number, not '\(context.parameters.get("id") ?? "")'")
        }
        return id
    }

    private static func unitNotFound(_ id: Int64) -> Problem { Problem.notFound("no unit \(id)") }

    private static func response(_ unit: StoredUnit, memory: MemoryName) -> UnitResponse {
        UnitResponse(
            id: unit.id, memory: memory, tuid: unit.tuid, origin: unit.origin,
            segments: unit.segments.map { SegmentBody(language: $0.segment.language.canonical, text: $0.segment.text) },
            creationDate: unit.metadata.creationDate, changeDate: unit.metadata.changeDate, properties: unit.metadata.properties)
    }
}

extension TranslationMemory.BulkRemoval: ResponseEncodable {}
