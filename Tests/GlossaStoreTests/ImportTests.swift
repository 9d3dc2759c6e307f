import Foundation
import GlossaFormats
import GlossaStore
import GlossaTestSupport
import GlossaText
import Testing

@Suite struct ImportTests {
    func newMemory() throws -> TranslationMemory {
        TranslationMemory(store: try SQLiteStore(path: Fixtures.databasePath()))
    }

    @Test func brokenFileLeavesTheDatabaseAsItWas() throws {
        let memory = try newMemory()
        _ = try memory.importer.importTMX(at: Fixtures.sampleTMX)
        let before = try memory.store.statistics()
        // Valid units first, then a syntax error: the whole file is rolled back.
        let broken = Fixtures.tmx([
            [("en", "New sentence one"), ("ru", "Новое предложение")],
            [("en", "New sentence two"), ("ru", "Ещё одно")],
        ])
        .replacingOccurrences(of: "</body></tmx>", with: "<tu><tuv xml:lang=\"en\"><seg>x</seg></tuv></body></tmx>")
        #expect(throws: FormatError.self) { try memory.importer.importTMX(at: try Fixtures.write(broken)) }
        let after = try memory.store.statistics()
        #expect(after.units == before.units)
        #expect(after.segments == before.segments)
        #expect(after.imports == before.imports)
    }

    @Test func dryRunWritesNothingButCountsDuplicates() throws {
        let memory = try newMemory()
        let report = try memory.importer.importTMX(at: Fixtures.sampleTMX, dryRun: true)
        #expect(report.imported == 91)
        #expect(try memory.store.statistics().units == 0)
        _ = try memory.importer.importTMX(at: Fixtures.sampleTMX)
        let second = try memory.importer.importTMX(at: Fixtures.sampleTMX, dryRun: true)
        #expect(second.imported == 0)
        #expect(second.duplicates == 91)
    }

    @Test func gzipFilesAreReadAsTheyAre() throws {
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
        let report = try newMemory().importer.importTMX(at: files[0])
        #expect(report.imported == 91)
    }

    @Test func missingFileIsAClearError() throws {
        #expect(throws: FormatError.self) { try newMemory().importer.importTMX(at: "/nonexistent/file.tmx") }
    }

    @Test func reportCountsLanguages() throws {
        let report = try newMemory().importer.importTMX(at: Fixtures.sampleTMX)
        #expect(report.languages == ["en": 91, "ru": 91, "zh-CN": 91])
    }
}

@Suite struct ConcurrentReadTests {
    @Test func lookupsGoOnDuringAnImport() async throws {
        let path = Fixtures.databasePath()
        let memory = TranslationMemory(store: try SQLiteStore(path: path))
        _ = try memory.importer.importTMX(at: Fixtures.sampleTMX)
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))  // WAL mode
        let units = (0..<5_000).map { [("en", "Generated sentence number \($0) about trade"), ("ru", "Сгенерированное предложение \($0)")] }
        let file = try Fixtures.write(Fixtures.tmx(units))

        let importing = Task.detached { try memory.importer.importTMX(at: file) }
        var lookupsDuringImport = 0
        let query = LookupQuery(text: "Putin arrives in Beijing", source: try LanguageTag("en"), target: try LanguageTag("ru"))
        while true {
            let matches = try memory.lookup(query)
            #expect(matches.first?.score.value == 100)
            lookupsDuringImport += 1
            if lookupsDuringImport > 20_000 { break }
            if try memory.store.statistics().units > 91 { break }  // the import committed
            try await Task.sleep(for: .milliseconds(1))
        }
        let report = try await importing.value
        #expect(report.imported == 5_000)
        #expect(lookupsDuringImport > 1)
        print("lookups answered while a 5,000-unit import ran: \(lookupsDuringImport)")
    }
}
