import GlossaModel
import GlossaStore
import Hummingbird

/// The memories a lookup, concordance search or export reads, from its query string:
/// `memories=a,b` (every memory the caller may read when absent), `penalty=a:5,b:0` (each memory's
/// own penalty otherwise), `client=`, `domain=`, `project=` (the memory's), `prop.NAME=VALUE` (the
/// unit's TMX props) and `changedAfter=` (a TMX or ISO 8601 date).
struct ScopeParameters {
    var memories: [MemoryName]?
    var penalties: [MemoryName: Int] = [:]
    var client: String?
    var domain: String?
    var project: String?
    var properties: [Property] = []
    var changedAfter: String?

    static let propertyPrefix = "prop."
    // Short, so that a lookup's longest `q` and all of these still fit in one request line.
    static let maxListLength = 200
    static let maxFieldLength = 64
    static let maxDateLength = 32

    init(_ parameters: QueryParameters) throws {
        if let list = try parameters.get("memories", maxLength: Self.maxListLength) {
            memories = try list.split(separator: ",").map { try Self.name(String($0), field: "memories") }
        }
        if let list = try parameters.get("penalty", maxLength: Self.maxListLength) {
            for item in list.split(separator: ",") {
                let parts = item.split(separator: ":", maxSplits: 1)
                guard parts.count == 2, let value = Int(parts[1]) else {
                    throw Problem.badRequest("query parameter 'penalty' takes memory:points pairs ('old-tm:5,client-acme:0'), not '\(item)'")
                }
                guard MemorySettings.penalties.contains(value) else { throw Problem.memory(.invalidPenalty(value)) }
                penalties[try Self.name(String(parts[0]), field: "penalty")] = value
            }
        }
        client = try parameters.get("client", maxLength: Self.maxFieldLength)
        domain = try parameters.get("domain", maxLength: Self.maxFieldLength)
        project = try parameters.get("project", maxLength: Self.maxFieldLength)
        properties = try parameters.names.filter { $0.hasPrefix(Self.propertyPrefix) && $0.count > Self.propertyPrefix.count }.sorted()
            .map { Property(type: String($0.dropFirst(Self.propertyPrefix.count)), value: try parameters.get($0) ?? "") }
        if let date = try parameters.get("changedAfter", maxLength: Self.maxDateLength) {
            guard let tmx = MemoryScope.tmxDate(date) else {
                throw Problem.badRequest("query parameter 'changedAfter' takes a date: 2024-05-16, 2024-05-16T10:30:00Z or 20240516T103000Z")
            }
            changedAfter = tmx
        }
    }

    private static func name(_ text: String, field: String) throws -> MemoryName {
        do { return try MemoryName(text) } catch { throw Problem.badRequest("query parameter '\(field)': \(error)") }
    }

    /// The scope over the memories `readable` admits.
    func scope(of memory: TranslationMemory, readable: (StoredMemory) -> Bool) async throws -> MemoryScope {
        var scope = try await memory.scope(
            names: memories, readable: readable, penalties: penalties, client: client, domain: domain, project: project)
        scope.properties = properties
        scope.changedAfter = changedAfter
        return scope
    }
}
