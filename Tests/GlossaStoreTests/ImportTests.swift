import Foundation
import GlossaFormats
import GlossaStore
import GlossaTestSupport
import GlossaText
import Testing

@Suite struct ImportTests {
    func newMemory() async throws -> TranslationMemory {
        TranslationMemory(store: try await Fixtures.newStore())
    }

    @Test func brokenFileLeavesTheDatabaseAsItWas() async throws {
        let memory = try await newMemory()
        _ = try await memory.importer.importFile(at: Fixtures.sampleTMX)
        let before = try await memory.store.statistics(memories: nil)
        // Valid units first, then a syntax error: the whole file is rolled back.
        let broken = Fixtures.tmx([
            [("en", "New sentence one"), ("ru", "Новое предложение")],
            [("en", "New sentence two"), ("ru", "Ещё одно")],
        ])
        .replacingOccurrences(of: "</body></tmx>", with: "<tu><tuv xml:lang=\"en\"><seg>x</seg></tuv></body></tmx>")
        await #expect(throws: FormatError.self) { try await memory.importer.importFile(at: try Fixtures.write(broken)) }
        let after = try await memory.store.statistics(memories: nil)
        #expect(after.units == before.units)
        #expect(after.segments == before.segments)
        #expect(after.imports == before.imports)
    }

    @Test func dryRunWritesNothingButCountsDuplicates() async throws {
        let memory = try await newMemory()
        let report = try await memory.importer.importFile(at: Fixtures.sampleTMX, dryRun: true)
        #expect(report.imported == 91)
        #expect(try await memory.store.statistics(memories: nil).units == 0)
        _ = try await memory.importer.importFile(at: Fixtures.sampleTMX)
        let second = try await memory.importer.importFile(at: Fixtures.sampleTMX, dryRun: true)
        #expect(second.imported == 0)
        #expect(second.duplicates == 91)
    }

    @Test func gzipFilesAreReadAsTheyAre() async throws {
        let directory = Fixtures.temporaryDirectory()
        let plain = directory.appendingPathComponent("sample.tmx").path
        try FileManager.default.copyItem(atPath: Fixtures.sampleTMX, toPath: plain)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = [plain]
        try gzip.run()
        gzip.waitUntilExit()
        let files = Importer.expand([directory.path])
        #expect(files.map { ($0 as NSString).lastPathComponent } == ["sample.tmx.gz"])
        let report = try await newMemory().importer.importFile(at: files[0])
        #expect(report.imported == 91)
    }

    @Test func missingFileIsAClearError() async throws {
        await #expect(throws: FormatError.self) { try await newMemory().importer.importFile(at: "/nonexistent/file.tmx") }
    }

    /// Longer than an index entry may be in PostgreSQL's B-trees (2,704 bytes): a segment of many
    /// words and one of a single long word.
    @Test func veryLongSegmentsAndWordsAreStoredAndFound() async throws {
        let memory = try await newMemory()
        let sentence = (0..<800).map { "word\($0)" }.joined(separator: " ")
        let word = String(repeating: "x", count: 4_000)
        let report = try await memory.importer.importFile(
            at: try Fixtures.write(Fixtures.tmx([[("en", sentence), ("ru", "длинное")], [("en", word), ("ru", "слово")]])))
        #expect(report.imported == 2)
        for (text, translation) in [(sentence, "длинное"), (word, "слово")] {
            let query = LookupQuery(text: text, source: try LanguageTag("en"), target: try LanguageTag("ru"))
            #expect(try await memory.lookup(query).first?.target.text == translation)
        }
    }

    @Test func reportCountsLanguages() async throws {
        let report = try await newMemory().importer.importFile(at: Fixtures.sampleTMX)
        #expect(report.languages == ["en": 91, "ru": 91, "zh-CN": 91])
    }
}
