import Foundation
import GlossaModel
import GlossaStore
import GlossaTestSupport
import GlossaText
import Testing

/// Duplicates within a memory: units a CAT tool exported twice with a different case, spacing,
/// markup or date. The newest of each group stays; other memories are not touched.
@Suite struct DeduplicationTests {
    let memory: TranslationMemory

    init() async throws {
        memory = TranslationMemory(store: try await Fixtures.newStore())
    }

    /// A unit as a CAT tool writes it: `en` and `ru` may carry markup; either date may be missing.
    struct Unit {
        let en: String
        let ru: String
        var changed: String? = nil
        var created: String? = nil
    }

    /// The same talks, exported over the years by tools that cased, spaced and tagged them
    /// differently, next to units that only look alike.
    static let units: [Unit] = [
        Unit(en: "The talks resumed.", ru: "Переговоры возобновились.", changed: "20230101T120000Z"),
        Unit(en: "the talks  resumed.", ru: "переговоры возобновились.", changed: "20240601T120000Z"),
        Unit(en: "THE TALKS RESUMED.", ru: "ПЕРЕГОВОРЫ ВОЗОБНОВИЛИСЬ.", created: "20220101T090000Z"),
        Unit(en: "Prices rose.", ru: "Цены выросли.", changed: "2023-03-01T10:00:00Z"),
        Unit(
            en: #"Prices <bpt i="1">&lt;b&gt;</bpt>rose<ept i="1">&lt;/b&gt;</ept>."#, ru: "Цены выросли.",
            changed: "20230301T100000Z"),
        Unit(en: "Ｐｒｉｃｅｓ ｒｏｓｅ.", ru: "ЦЕНЫ ВЫРОСЛИ."),
        // Alike but not the same: another translation, another sentence.
        Unit(en: "The talks resumed.", ru: "Переговоры продолжились.", changed: "20200101T000000Z"),
        Unit(en: "The talks stalled.", ru: "Переговоры зашли в тупик.", changed: "20250101T000000Z"),
    ]

    static func tmx(_ units: [Unit]) -> String {
        // Typed: with GRDB in the test build, an untyped interpolated literal may become its `SQL`.
        let body = units.map { unit -> String in
            let dates = [("changedate", unit.changed), ("creationdate", unit.created)].compactMap { name, value in value.map { " \(name)=\"\($0)\"" }
            }
            return """
                <tu\(dates.joined())><tuv xml:lang="en"><seg>\(unit.en)</seg></tuv><tuv xml:lang="ru"><seg>\(unit.ru)</seg></tuv></tu>
                """
        }.joined(separator: "\n")
        return Fixtures.tmxDocument(body: body + "\n")
    }

    /// Imports the units into a new memory `client-acme` and into `default`; returns the
    /// client's memory and its unit ids in the order of `units`.
    func importTwice() async throws -> (StoredMemory, [Int64]) {
        let acme = try await memory.createMemory(try MemorySettings(name: MemoryName("client-acme")))
        let file = try Fixtures.write(Self.tmx(Self.units))
        let counts = try await memory.importer.importFile(at: file, into: acme.name)
        #expect(counts.imported == Self.units.count, "the units differ in their content keys, so each is stored")
        _ = try await memory.importer.importFile(at: file)
        return (acme, try await unitIDs(in: acme))
    }

    func unitIDs(in memory: StoredMemory) async throws -> [Int64] {
        var ids: [Int64] = []
        try await self.memory.store.forEachUnit(withLanguageGroups: [], memories: [memory.id]) { ids.append($0.id) }
        return ids.sorted()
    }

    @Test func unitsDifferingOnlyInCaseWidthSpacingOrMarkupAreOneGroupThatKeepsTheNewest() async throws {
        let (acme, ids) = try await importTwice()
        let report = try await memory.duplicates(in: acme)
        #expect(report.memory == acme.name && report.units == 8)
        #expect(report.groups == 2 && report.duplicates == 4 && report.removed == 0)
        #expect(
            report.listedGroups == [
                // The latest changedate; a creationdate counts when there is no changedate.
                DuplicateGroup(kept: ids[1], removed: [ids[0], ids[2]]),
                // Two at the same date (written two ways): the higher id; a unit without a date loses.
                DuplicateGroup(kept: ids[4], removed: [ids[3], ids[5]]),
            ])
        #expect(try await unitIDs(in: acme) == ids, "a report removes nothing")

        let short = try await memory.duplicates(in: acme, listed: 1)
        #expect(short.groups == 2 && short.listedGroups == [report.listedGroups[0]])
    }

    @Test func removingDuplicatesLeavesTheNewestAndAConsistentIndexAndOtherMemoriesAlone() async throws {
        let (acme, ids) = try await importTwice()
        let defaultMemory = try await memory.memory(named: .defaultMemory)
        let defaultIDs = try await unitIDs(in: defaultMemory)

        let report = try await memory.removeDuplicates(in: acme)
        #expect(report.groups == 2 && report.duplicates == 4 && report.removed == 4)
        #expect(try await unitIDs(in: acme) == [ids[1], ids[4], ids[6], ids[7]])
        #expect(try await unitIDs(in: defaultMemory) == defaultIDs)
        for removed in [ids[0], ids[2], ids[3], ids[5]] { #expect(try await memory.unit(id: removed) == nil) }

        let onlyAcme = try await memory.scope(names: [acme.name])
        let matches = try await memory.lookup(
            LookupQuery(text: "The talks resumed.", source: LanguageTag("en"), target: LanguageTag("ru"), minimum: 90, limit: 10, scope: onlyAcme))
        #expect(Set(matches.map(\.target.text)) == ["переговоры возобновились.", "Переговоры продолжились."])
        #expect(matches.allSatisfy { $0.occurrences == 1 && $0.provenance?.memory == acme.name })

        let check = try await TermIndexCheck(store: memory.store).run()
        #expect(check.isConsistent, "\(check)")
        let again = try await memory.duplicates(in: acme)
        #expect(again.groups == 0 && again.duplicates == 0 && again.units == 4)
    }
}
