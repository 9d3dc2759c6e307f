import GlossaModel

/// Units of one memory that say the same thing once normalized, and which of them stays.
public struct DuplicateGroup: Sendable, Hashable, Codable {
    /// The newest unit of the group: the one kept.
    public let kept: Int64
    /// The others, in id order: removed by `removeDuplicates`.
    public let removed: [Int64]

    public init(kept: Int64, removed: [Int64]) {
        (self.kept, self.removed) = (kept, removed)
    }
}

/// What `duplicates(in:)` found in a memory, and what `removeDuplicates(in:)` removed.
public struct DuplicateReport: Sendable, Hashable, Codable {
    public let memory: MemoryName
    /// Units of the memory read.
    public let units: Int
    /// Groups of two or more units with the same normalized content.
    public let groups: Int
    /// Units that are not the newest of their group: those a removal takes away.
    public let duplicates: Int
    /// Units removed (0 unless the duplicates were removed).
    public let removed: Int
    /// The first groups, by the id of the unit kept (at most `listed` of them were asked for).
    public let listedGroups: [DuplicateGroup]

    /// How many groups a report lists unless asked otherwise: enough to check by eye, few enough to print.
    public static let defaultListed = 20
}

extension TranslationMemory {
    /// Units to delete per transaction: small enough that a removal never holds the database for
    /// long, large enough that a memory of a million units needs few round trips.
    static let duplicateRemovalBatch = 500

    /// The groups of units of `memory` whose segments have the same fold keys (NFKC, case-folded:
    /// what differs only by case, width, spacing, markup or metadata), each with the unit it would
    /// keep: the latest TMX `changedate`, else `creationdate`, else the highest id. Lists the first
    /// `listed` groups. Reads the memory once, holding one entry per distinct content.
    public func duplicates(in memory: StoredMemory, listed: Int = DuplicateReport.defaultListed) async throws -> DuplicateReport {
        let scan = try await scanDuplicates(in: memory)
        return scan.report(memory: memory.name, listed: listed, removed: 0)
    }

    /// Finds the duplicates as `duplicates(in:listed:)` does and removes all but the newest of each
    /// group, with their term-index postings, in batches of `duplicateRemovalBatch` units. Run it
    /// when nothing else writes to the memory: a unit changed between the read and the removal is
    /// judged on what was read.
    public func removeDuplicates(in memory: StoredMemory, listed: Int = DuplicateReport.defaultListed) async throws -> DuplicateReport {
        let scan = try await scanDuplicates(in: memory)
        let doomed = scan.groups.flatMap(\.removed).sorted()
        var removed = 0
        var start = doomed.startIndex
        while start < doomed.endIndex {
            try Task.checkCancellation()
            let end = min(start + Self.duplicateRemovalBatch, doomed.endIndex)
            removed += try await store.deleteUnits(ids: Array(doomed[start..<end]))
            start = end
        }
        return scan.report(memory: memory.name, listed: listed, removed: removed)
    }

    private func scanDuplicates(in memory: StoredMemory) async throws -> DuplicateScan {
        var scan = DuplicateScan()
        try await store.forEachUnit(withLanguageGroups: [], memories: [memory.id]) { unit in
            try Task.checkCancellation()
            scan.add(unit)
        }
        return scan
    }
}

/// The state of one pass over a memory: per normalized content, the best unit so far and the
/// units it beat (the second map holds only contents seen more than once).
struct DuplicateScan {
    /// A unit as the choice of the newest sees it.
    struct Candidate {
        let id: Int64
        /// Its TMX date in one form (`MemoryScope.normalizedDate`); empty when it has none, so
        /// that any dated unit is newer.
        let date: String

        /// Newer: the later date, then (at the same date or with none) the higher id.
        func isNewer(than other: Candidate) -> Bool { (date, id) > (other.date, other.id) }
    }

    private(set) var units = 0
    private var best: [String: Candidate] = [:]
    private var beaten: [String: [Int64]] = [:]

    mutating func add(_ unit: StoredUnit) {
        units += 1
        let key = Self.normalizedKey(unit)
        let date = (unit.metadata.changeDate ?? unit.metadata.creationDate).map(MemoryScope.normalizedDate) ?? ""
        let candidate = Candidate(id: unit.id, date: date)
        guard let current = best[key] else {
            best[key] = candidate
            return
        }
        if candidate.isNewer(than: current) {
            best[key] = candidate
            beaten[key, default: []].append(current.id)
        } else {
            beaten[key, default: []].append(candidate.id)
        }
    }

    /// Every group of two or more, by the id of the unit kept.
    var groups: [DuplicateGroup] {
        beaten.compactMap { key, removed in best[key].map { DuplicateGroup(kept: $0.id, removed: removed.sorted()) } }
            .sorted { $0.kept < $1.kept }
    }

    func report(memory: MemoryName, listed: Int, removed: Int) -> DuplicateReport {
        let groups = groups
        return DuplicateReport(
            memory: memory, units: units, groups: groups.count, duplicates: groups.reduce(0) { $0 + $1.removed.count },
            removed: removed, listedGroups: Array(groups.prefix(max(0, listed))))
    }

    /// SHA-256 over the unit's (language, fold key) pairs, sorted: the same for units that differ
    /// only in what folding removes. The language is the canonical tag, not its fallback group, so
    /// an en-GB unit never removes an en-US one: a locale is content, not metadata.
    static func normalizedKey(_ unit: StoredUnit) -> String {
        let pairs = Set(unit.segments.map { "\($0.segment.language.canonical)\(fieldSeparator)\($0.segment.fold)" })
        return ContentHash.sha256(pairs.sorted().joined(separator: recordSeparator))
    }

    /// ASCII unit and record separators, as `TranslationUnit.contentKey` uses: no fold key holds them.
    private static let fieldSeparator = "\u{1F}"
    private static let recordSeparator = "\u{1E}"
}
