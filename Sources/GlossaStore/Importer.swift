import Foundation
import GlossaFormats
import GlossaModel
import GlossaText

/// What an import did with one file.
public struct ImportReport: Sendable, Codable {
    public var origin: String
    public var memory: MemoryName
    public var dryRun: Bool
    public var unitsRead = 0
    /// `<tuv>` elements read, kept or not.
    public var segmentsRead = 0
    public var imported = 0
    /// Units whose content is already stored (or appeared earlier in the same file).
    public var duplicates = 0
    public var rejectedCount = 0
    /// Why units were rejected, with their lines (the first 1,000).
    public var rejected: [UnitIssue] = []
    /// `<tuv>`s left out of otherwise imported units (the first 1,000).
    public var skippedSegments: [UnitIssue] = []
    /// Segments per language in the units read.
    public var languages: [String: Int] = [:]
    public var seconds: Double = 0

    static let listedIssues = 1_000
}

/// Progress of an import, for a terminal's progress line.
public struct ImportProgress: Sendable {
    public let unitsRead: Int
    public let bytesRead: Int
    public let totalBytes: Int
    public let elapsed: Double
}

/// Reads files of units (TMX and the bilingual formats) into a store: streaming, one transaction per file, keyed by content.
public struct Importer: Sendable {
    public let store: any TranslationMemoryStore

    public init(store: any TranslationMemoryStore) {
        self.store = store
    }

    /// The files a list of paths names: files as given, directories searched for translation
    /// memories (every `MemoryFileFormat`'s extensions) and TBX glossaries.
    public static func expand(_ paths: [String]) -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                files.append(path)
                continue
            }
            let enumerator = FileManager.default.enumerator(atPath: path)
            var found: [String] = []
            while let relative = enumerator?.nextObject() as? String {
                let lower = relative.lowercased()
                // Folders give memories and TBX files; tables (.csv, .txt) only when named one by one.
                if MemoryFileFormat.named(lower) != nil || lower.hasSuffix(".tbx") {
                    found.append((path as NSString).appendingPathComponent(relative))
                }
            }
            files += found.sorted()
        }
        return files
    }

    /// Imports one file of units in any `MemoryFileFormat` (by its name, else its content). All of
    /// it is stored, or (on a format error) none of it. The file is read and its units prepared on
    /// a thread of their own while the store writes them. `languages` (source, target) are those of
    /// a bilingual file (PO) that does not name them.
    public func importFile(
        at path: String, into memory: MemoryName = .defaultMemory, origin: String? = nil, languages: [LanguageTag]? = nil,
        dryRun: Bool = false, progress: ((ImportProgress) -> Void)? = nil
    ) async throws -> ImportReport {
        let memory = try await TranslationMemory(store: store).memory(named: memory)
        // Another server importing the same units in another order may win a race for them (a
        // deadlock the database breaks): nothing of this file was kept, so it is read again.
        var attempt = 1
        while true {
            do {
                return try await importFileOnce(
                    at: path, into: memory, origin: origin, languages: languages, dryRun: dryRun, progress: progress)
            } catch StoreError.conflict where attempt < Self.attemptsOnConflict {
                attempt += 1
            }
        }
    }

    static let attemptsOnConflict = 3

    private func importFileOnce(
        at path: String, into memory: StoredMemory, origin: String?, languages: [LanguageTag]?, dryRun: Bool,
        progress: ((ImportProgress) -> Void)?
    ) async throws -> ImportReport {
        let started = Date()
        let origin = origin ?? (path as NSString).lastPathComponent
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let totalBytes = (attributes?[.size] as? NSNumber)?.intValue ?? 0
        if attributes != nil, totalBytes == 0 { throw FormatError.emptyFile }
        let pipeline = UnitPipeline(reader: try MemoryFileFormat.of(path).reader(path: path, languages: languages))
        defer { pipeline.finish() }
        var report = ImportReport(origin: origin, memory: memory.name, dryRun: dryRun)

        func run(_ insert: ([PreparedUnit]) async throws -> [InsertOutcome]) async throws {
            var lastProgress = Date()
            while let batch = try await pipeline.next() {
                var units: [PreparedUnit] = []
                for item in batch.items {
                    report.unitsRead += 1
                    switch item {
                    case .rejected(let issue):
                        report.rejectedCount += 1
                        if report.rejected.count < ImportReport.listedIssues { report.rejected.append(issue) }
                    case .unit(let unit, let skipped):
                        for segment in unit.unit.segments { report.languages[segment.language.canonical, default: 0] += 1 }
                        for issue in skipped where report.skippedSegments.count < ImportReport.listedIssues {
                            report.skippedSegments.append(issue)
                        }
                        units.append(unit)
                    }
                }
                for outcome in try await insert(units) {
                    switch outcome {
                    case .inserted: report.imported += 1
                    case .duplicate: report.duplicates += 1
                    }
                }
                if let progress, Date().timeIntervalSince(lastProgress) > 0.2 {
                    lastProgress = Date()
                    progress(
                        ImportProgress(
                            unitsRead: report.unitsRead, bytesRead: batch.bytesRead,
                            totalBytes: totalBytes, elapsed: lastProgress.timeIntervalSince(started)))
                }
            }
        }

        if dryRun {
            var seen = Set<String>()
            try await run { units in
                var outcomes: [InsertOutcome] = []
                for unit in units {
                    let stored = try await store.containsUnit(contentKey: unit.contentKey, memory: memory.id)
                    outcomes.append(seen.insert(unit.contentKey).inserted && !stored ? .inserted : .duplicate)
                }
                return outcomes
            }
        } else {
            try await store.write(into: memory.id, origin: origin) { insert in
                try await run(insert)
                return ImportCounts(
                    read: report.unitsRead, imported: report.imported,
                    duplicates: report.duplicates, rejected: report.rejectedCount)
            }
        }
        report.segmentsRead = pipeline.variantsRead
        report.seconds = Date().timeIntervalSince(started)
        return report
    }
}
