import Foundation
import GlossaModel
import GlossaText

/// What a CAT tool and a person maintaining memories do: add confirmed segments, undo an import,
/// remove units found by a search (counted first), remove a memory.
extension TranslationMemory {
    /// Adds units to `memory` as one import (numbered, listed by `imports`), as a CAT tool does
    /// when a translator confirms a segment. Units without `creationdate` get `date`.
    public func addUnits(
        _ units: [TranslationUnit], into memory: MemoryName, origin: String, date: Date = Date()
    ) async throws -> ImportCounts {
        let target = try await self.memory(named: memory)
        for unit in units {
            for segment in unit.segments where segment.text.allSatisfy(\.isWhitespace) { throw UnitEditError.emptySegment(segment.language) }
            guard Set(unit.segments.map(\.language)).count >= Self.minimumLanguages else { throw UnitEditError.tooFewLanguages }
        }
        let prepared = units.map { unit in
            var unit = unit
            if unit.metadata.attributes[Self.creationDateAttribute] == nil {
                unit.metadata.attributes[Self.creationDateAttribute] = Self.tmxDate(date)
            }
            return PreparedUnit(unit)
        }
        var counts = ImportCounts(read: prepared.count, imported: 0, duplicates: 0, rejected: 0)
        try await store.write(into: target.id, origin: origin) { insert in
            let outcomes = try await insert(prepared)
            let imported = outcomes.filter { $0 == .inserted }.count
            counts = ImportCounts(read: prepared.count, imported: imported, duplicates: prepared.count - imported, rejected: 0)
            return counts
        }
        return counts
    }

    static let creationDateAttribute = "creationdate"

    /// Removes what an import added (units another import had stored stay) and its history line.
    /// Throws `MemoryError.importNotFound` when there is no such import (or it was undone).
    public func undoImport(id: Int64) async throws -> Int {
        guard let removed = try await store.deleteImport(id: id) else { throw MemoryError.importNotFound(id) }
        return removed
    }

    /// Removes a memory with its units, history and tokens. `default` is kept (`MemoryError.kept`).
    public func deleteMemory(named name: MemoryName) async throws {
        guard name != .defaultMemory else { throw MemoryError.kept(name.value) }
        let memory = try await memory(named: name)
        guard try await store.deleteMemory(id: memory.id) else { throw MemoryError.notFound(name.value) }
    }

    /// Which units of a memory a bulk removal takes: those holding `phrase` (its words in order,
    /// in `language` or any language), with the props and change date `scope` asks for, from
    /// `origin`; all of them when nothing is set.
    public struct UnitSelection: Sendable {
        public var phrase: String?
        public var language: LanguageTag?
        public var origin: String?
        public var properties: [Property] = []
        public var changedAfter: String?

        public init(phrase: String? = nil, language: LanguageTag? = nil, origin: String? = nil) {
            self.phrase = phrase
            self.language = language
            self.origin = origin
        }

        func admits(_ unit: StoredUnit) -> Bool {
            if let origin, unit.origin != origin { return false }
            var scope = MemoryScope(memories: [])
            scope.properties = properties
            scope.changedAfter = changedAfter
            guard scope.admits(unit.metadata) else { return false }
            guard let phrase else { return true }
            let words = WordTokenizer.words(Normalization.foldKey(phrase))
            guard !words.isEmpty else { return false }
            return unit.segments.contains { segment, _ in
                (language.map { segment.language.fallbackGroup == $0.fallbackGroup } ?? true)
                    && Self.contains(WordTokenizer.words(segment.fold), words)
            }
        }

        private static func contains(_ words: [String], _ phrase: [String]) -> Bool {
            guard phrase.count <= words.count else { return false }
            return (0...(words.count - phrase.count)).contains { words[$0..<($0 + phrase.count)].elementsEqual(phrase) }
        }
    }

    /// Units a bulk removal takes from `memory`, and how many it removed (none on a dry run).
    public struct BulkRemoval: Sendable, Codable {
        public let matched: Int
        public let removed: Int
        public let dryRun: Bool
    }

    /// Removes the units of `memory` that `selection` takes, in one transaction; with `dryRun`,
    /// only counts them, as a person wants before removing thousands.
    public func deleteUnits(in memory: MemoryName, selecting selection: UnitSelection, dryRun: Bool) async throws -> BulkRemoval {
        let target = try await self.memory(named: memory)
        var ids: [Int64] = []
        try await store.forEachUnit(withLanguageGroups: [], memories: [target.id]) { unit in
            if selection.admits(unit) { ids.append(unit.id) }
        }
        let removed = dryRun ? 0 : try await deleteUnits(ids: ids)
        return BulkRemoval(matched: ids.count, removed: removed, dryRun: dryRun)
    }
}
