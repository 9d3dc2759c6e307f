import GlossaModel

/// The memories a lookup, concordance search or export reads, the penalty of each, and the
/// filters a unit must pass (its TMX props, its change date).
public struct MemoryScope: Sendable {
    /// The memories read, by id.
    public let memories: [Int64: StoredMemory]
    /// Points taken off each memory's scores, by id.
    public let penalties: [Int64: Int]
    /// `prop` types and the value each must have (a unit without the prop is left out).
    public var properties: [Property] = []
    /// Units changed (or, without a change date, created) after this TMX date (`yyyyMMdd'T'HHmmss'Z'`).
    public var changedAfter: String?

    /// `memories` with their own penalties, but for those `penalties` sets.
    public init(memories: [StoredMemory], penalties overrides: [MemoryName: Int] = [:]) {
        self.memories = Dictionary(uniqueKeysWithValues: memories.map { ($0.id, $0) })
        penalties = Dictionary(uniqueKeysWithValues: memories.map { ($0.id, overrides[$0.name] ?? $0.settings.penalty) })
    }

    var ids: [Int64] { memories.keys.sorted() }

    func contains(_ segment: StoredSegment) -> Bool { memories[segment.memoryID] != nil }

    var filtersUnits: Bool { !properties.isEmpty || changedAfter != nil }

    /// Whether a unit with this metadata passes the prop and date filters.
    func admits(_ metadata: Metadata) -> Bool {
        for property in properties where !metadata.properties.contains(property) { return false }
        if let changedAfter {
            guard let date = metadata.changeDate ?? metadata.creationDate, Self.normalizedDate(date) > changedAfter else { return false }
        }
        return true
    }

    /// TMX dates compare as strings once in one form: `20240516T103000Z`.
    static func normalizedDate(_ date: String) -> String {
        String(date.filter { $0.isNumber || $0 == "T" || $0 == "Z" })
    }

    /// A date as `changedAfter` takes it: TMX (`20240516T103000Z`), ISO 8601 (`2024-05-16T10:30:00Z`)
    /// or a day (`2024-05-16`); nil when it is none of these.
    public static func tmxDate(_ text: String) -> String? {
        let digits = text.filter(\.isNumber)
        switch digits.count {
        case 8: return digits + "T000000Z"
        case 14: return String(digits.prefix(8)) + "T" + String(digits.suffix(6)) + "Z"
        default: return nil
        }
    }
}

extension TranslationMemory {
    /// Every memory, each with its own penalty.
    func scopeOfEveryMemory() async throws -> MemoryScope {
        MemoryScope(memories: try await store.memories())
    }

    /// The scope of a request: the memories `names` lists (every memory `readable` admits when
    /// nil), each with its penalty unless `penalties` sets one, and those whose client, domain and
    /// project are the ones given. A name that is not readable is reported as not found, as one that
    /// does not exist is: a caller learns nothing of memories it may not read.
    public func scope(
        names: [MemoryName]?, readable: (StoredMemory) -> Bool = { _ in true }, penalties: [MemoryName: Int] = [:],
        client: String? = nil, domain: String? = nil, project: String? = nil
    ) async throws -> MemoryScope {
        let visible = try await store.memories().filter(readable)
        var chosen = visible
        if let names {
            let byName = Dictionary(uniqueKeysWithValues: visible.map { ($0.name, $0) })
            chosen = try names.map { name in
                guard let memory = byName[name] else { throw MemoryError.notFound(name.value) }
                return memory
            }
        }
        for name in penalties.keys where !visible.contains(where: { $0.name == name }) { throw MemoryError.notFound(name.value) }
        chosen = chosen.filter { memory in
            (client == nil || memory.settings.client == client) && (domain == nil || memory.settings.domain == domain)
                && (project == nil || memory.settings.project == project)
        }
        return MemoryScope(memories: chosen, penalties: penalties)
    }
}
