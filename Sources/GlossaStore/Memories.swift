/// Named memories: what the CLI and the HTTP API do with them, over any store.
extension TranslationMemory {
    /// A memory with its unit count.
    public struct MemorySummary: Sendable {
        public let memory: StoredMemory
        public let units: Int
    }

    public func memories() async throws -> [MemorySummary] {
        let counts = try await store.unitCounts()
        return try await store.memories().map { MemorySummary(memory: $0, units: counts[$0.id] ?? 0) }
    }

    /// Throws `MemoryError.notFound`.
    public func memory(named name: MemoryName) async throws -> StoredMemory {
        guard let memory = try await store.memories().first(where: { $0.name == name }) else { throw MemoryError.notFound(name.value) }
        return memory
    }

    /// Throws `MemoryError.exists` when the name is taken.
    @discardableResult
    public func createMemory(_ settings: MemorySettings) async throws -> StoredMemory {
        try await store.createMemory(settings)
    }

    /// Changes `name`'s settings with `change` (a new name renames it). Throws `MemoryError.notFound`
    /// or `MemoryError.exists`.
    @discardableResult
    public func updateMemory(named name: MemoryName, _ change: (inout MemorySettings) throws -> Void) async throws -> StoredMemory {
        let memory = try await memory(named: name)
        var settings = memory.settings
        try change(&settings)
        guard let updated = try await store.updateMemory(id: memory.id, settings) else { throw MemoryError.notFound(name.value) }
        return updated
    }

    /// Imports of `memories` (of every memory when nil), newest first.
    public func imports(in memories: [StoredMemory]? = nil) async throws -> [ImportRecord] {
        try await store.imports(memories: memories?.map(\.id))
    }
}

/// A memory as the API and the CLI show it: its settings, flat, and its unit count.
public struct MemoryView: Sendable, Codable {
    public let name: MemoryName
    public let description: String?
    public let client: String?
    public let domain: String?
    public let project: String?
    public let penalty: Int
    public let `public`: Bool
    public let units: Int
    public let createdAt: String

    public init(_ memory: StoredMemory, units: Int) {
        let settings = memory.settings
        (name, description, client, domain, project) = (settings.name, settings.description, settings.client, settings.domain, settings.project)
        (penalty, `public`, self.units, createdAt) = (settings.penalty, settings.isPublic, units, memory.createdAt)
    }
}
