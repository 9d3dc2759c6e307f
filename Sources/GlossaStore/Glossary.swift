import Foundation
import GlossaFormats
import GlossaModel
import GlossaText

/// What a glossary import did with one file.
public struct GlossaryImportReport: Sendable, Codable {
    public var origin: String
    public var dryRun: Bool
    public var conceptsRead = 0
    public var imported = 0
    public var duplicates = 0
    public var rejected: [UnitIssue] = []
    public var skippedTerms: [UnitIssue] = []
    public var terms = 0
    /// `<term>` elements read, kept or not.
    public var termsRead = 0
    public var languages: [String: Int] = [:]
    public var seconds: Double = 0
}

/// The glossary: concepts with terms in many languages, found by name in any script.
public struct Glossary: Sendable {
    public let store: any GlossaryStore
    let automata = AutomatonCache()

    public init(store: any GlossaryStore) {
        self.store = store
    }

    /// Imports a glossary file in one transaction: all of it, or none on a format error. TBX (v3 or
    /// 2008) by default; CSV/TSV tables (`.csv`, `.tsv`, `.tab`, `.txt`) with `languages` naming the
    /// columns when the header does not; `table` overrides what the file name says. Concepts are
    /// keyed by their terms, so a second import adds nothing.
    public func importGlossary(
        at path: String, origin: String? = nil, languages: [LanguageTag]? = nil,
        table: Bool? = nil, dryRun: Bool = false
    ) async throws -> GlossaryImportReport {
        let started = Date()
        let reader: any GlossaryReader =
            table ?? Self.isTable(path)
            ? try GlossaryTableReader(path: path, languages: languages)
            : try TBXReader(path: path)
        var report = GlossaryImportReport(origin: origin ?? (path as NSString).lastPathComponent, dryRun: dryRun)
        func run(prepare: (Concept) -> PreparedConcept, _ insert: (PreparedConcept) async throws -> InsertOutcome) async throws {
            while let item = try reader.next() {
                report.conceptsRead += 1
                switch item {
                case .rejected(let issue):
                    report.rejected.append(issue)
                case .concept(let concept, let skipped):
                    report.skippedTerms += skipped
                    report.terms += concept.terms.count
                    for term in concept.terms { report.languages[term.language.canonical, default: 0] += 1 }
                    switch try await insert(prepare(concept)) {
                    case .inserted: report.imported += 1
                    case .duplicate: report.duplicates += 1
                    }
                }
            }
        }
        if dryRun {
            var seen = Set<String>()
            try await run(prepare: { PreparedConcept(unkeyed: $0) }) { seen.insert($0.concept.contentKey).inserted ? .inserted : .duplicate }
        } else {
            try await store.writeConcepts(origin: report.origin) { insert in try await run(prepare: { PreparedConcept($0) }, insert) }
        }
        report.termsRead = reader.termsRead
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// Writes the whole glossary as TBX-Basic (TBX v3), concept by concept; returns the count.
    @discardableResult
    public func exportTBX(to output: @escaping (String) throws -> Void) async throws -> Int {
        try await export(format: .tbx, to: output)
    }

    /// Whether a path names a glossary file rather than a translation memory.
    public static func isGlossaryFile(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".tbx") || lower.hasSuffix(".tbx.gz") || isTable(path)
    }

    static func isTable(_ path: String) -> Bool {
        let lower = path.lowercased()
        return [".csv", ".tsv", ".tab", ".txt"].contains { lower.hasSuffix($0) }
    }
}
