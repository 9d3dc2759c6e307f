import GlossaModel

/// Moves a whole translation memory and glossary from one storage to another (SQLite to PostgreSQL
/// when a memory outgrows one file, and back), a page at a time so that memory stays flat.
///
/// Each run of units (or concepts) from one original import is written in one transaction with its
/// origin, so a copy that stops midway leaves whole imports only, and running it again adds just
/// what is missing: units and concepts are keyed by content.
public struct StorageCopy: Sendable {
    public let source: any Storage
    public let target: any Storage

    public init(from source: any Storage, to target: any Storage) {
        self.source = source
        self.target = target
    }

    public struct Report: Sendable, Codable {
        public var unitsRead = 0
        public var unitsCopied = 0
        /// Units the target held already.
        public var unitsPresent = 0
        public var conceptsRead = 0
        public var conceptsCopied = 0
        public var conceptsPresent = 0
    }

    /// Copies everything; `progress` hears the units read so far. Throws if the target's counts
    /// do not add up at the end.
    public func run(progress: ((Int) -> Void)? = nil) async throws -> Report {
        var report = Report()
        let unitsBefore = try await target.statistics(memories: nil).units
        let conceptsBefore = try await target.glossaryStatistics().concepts
        try await copyUnits(into: &report, progress: progress)
        try await copyConcepts(into: &report)

        let unitsAfter = try await target.statistics(memories: nil).units
        let conceptsAfter = try await target.glossaryStatistics().concepts
        let expected = (units: try await source.statistics(memories: nil).units, concepts: try await source.glossaryStatistics().concepts)
        guard report.unitsRead == expected.units, unitsAfter == unitsBefore + report.unitsCopied,
            report.unitsCopied + report.unitsPresent == report.unitsRead
        else {
            throw StoreError.database(
                "the copy does not add up: \(report.unitsRead) of \(expected.units) units read, \(report.unitsCopied) copied, "
                    + "\(report.unitsPresent) present, the target went from \(unitsBefore) to \(unitsAfter)")
        }
        guard report.conceptsRead == expected.concepts, conceptsAfter == conceptsBefore + report.conceptsCopied else {
            throw StoreError.database(
                "the glossary copy does not add up: \(report.conceptsRead) of \(expected.concepts) concepts read, "
                    + "\(report.conceptsCopied) copied, the target went from \(conceptsBefore) to \(conceptsAfter)")
        }
        return report
    }

    /// Units gathered before a write: one batch of the import pipeline's size.
    static let unitsPerWrite = 256

    /// The target's memory for each of the source's, by name: made with the source's settings when missing.
    private func memoryMap() async throws -> [Int64: Int64] {
        let existing = Dictionary(uniqueKeysWithValues: try await target.memories().map { ($0.name, $0.id) })
        var map: [Int64: Int64] = [:]
        for memory in try await source.memories() {
            if let id = existing[memory.name] {
                map[memory.id] = id
            } else {
                map[memory.id] = try await target.createMemory(memory.settings).id
            }
        }
        return map
    }

    private func copyUnits(into report: inout Report, progress: ((Int) -> Void)?) async throws {
        let memories = try await memoryMap()
        var pending: [PreparedUnit] = []
        var pendingOrigin: (origin: String, memory: Int64)?
        func flush() async throws {
            guard let (origin, memory) = pendingOrigin, !pending.isEmpty else { return }
            let units = pending
            pending = []
            var counts = (copied: 0, present: 0)
            try await target.write(into: memory, origin: origin) { insert in
                for outcome in try await insert(units) {
                    if case .inserted = outcome { counts.copied += 1 } else { counts.present += 1 }
                }
                return ImportCounts(read: units.count, imported: counts.copied, duplicates: counts.present, rejected: 0)
            }
            report.unitsCopied += counts.copied
            report.unitsPresent += counts.present
        }
        try await source.forEachUnit(withLanguageGroups: [], memories: nil) { stored in
            guard let memory = memories[stored.memoryID] else { throw StoreError.database("unit \(stored.id) is in no memory") }
            if stored.origin != pendingOrigin?.origin || memory != pendingOrigin?.memory || pending.count >= Self.unitsPerWrite {
                try await flush()
                pendingOrigin = (stored.origin, memory)
            }
            pending.append(PreparedUnit(stored.translationUnit()))
            report.unitsRead += 1
            progress?(report.unitsRead)
        }
        try await flush()
    }

    private func copyConcepts(into report: inout Report) async throws {
        var last: Int64 = 0
        while true {
            let ids = try await source.conceptIDs(after: last, limit: Self.unitsPerWrite)
            guard let tail = ids.last else { break }
            last = tail
            let concepts = try await source.concepts(ids: ids).sorted { $0.id < $1.id }
            report.conceptsRead += concepts.count
            // One transaction per run of one origin.
            var start = 0
            while start < concepts.count {
                let origin = concepts[start].origin
                let run = concepts[start...].prefix { $0.origin == origin }
                start += run.count
                let copied = try await target.writeConcepts(origin: origin) { insert in
                    var copied = 0
                    for stored in run where try await insert(PreparedConcept(stored.concept)) == .inserted { copied += 1 }
                    return copied
                }
                report.conceptsCopied += copied
                report.conceptsPresent += run.count - copied
            }
        }
    }
}
