import GlossaFormats
import GlossaModel
import GlossaText

/// The files the glossary exports to, for the tools that read them.
public enum GlossaryExportFormat: String, Sendable, CaseIterable, CustomStringConvertible {
    /// TBX-Basic, TBX v3 (ISO 30042:2019): every language, every term and status.
    case tbx
    /// TBX-Basic in its 2008 form (`martif`): what translate-toolkit, Weblate and older OmegaT read.
    case tbx2008 = "tbx-2008"
    /// OmegaT's tab-separated glossary: one language pair.
    case tsv
    /// Weblate's glossary CSV: one language pair.
    case csv

    public var description: String { rawValue }

    /// Whether the format holds one language pair, which the export must be given.
    public var needsLanguagePair: Bool { self == .tsv || self == .csv }

    public var contentType: String {
        switch self {
        case .tbx, .tbx2008: "application/x-tbx+xml; charset=utf-8"
        case .tsv: "text/tab-separated-values; charset=utf-8"
        case .csv: "text/csv; charset=utf-8"
        }
    }

    public var fileExtension: String {
        switch self {
        case .tbx, .tbx2008: "tbx"
        case .tsv: "tsv"
        case .csv: "csv"
        }
    }
}

/// Why a glossary export cannot start.
public enum GlossaryExportError: Error, Sendable, Equatable, CustomStringConvertible {
    case languagePairNeeded(GlossaryExportFormat)

    public var description: String {
        switch self {
        case .languagePairNeeded(let format):
            "the \(format) format holds one language pair: give the source and target languages (en,ru)"
        }
    }
}

extension Glossary {
    /// Writes the whole glossary in `format`, concept by concept; returns the count of concepts
    /// (TBX) or rows (TSV, CSV) written. `languages` (source, target) is the pair of a table.
    @discardableResult
    public func export(
        format: GlossaryExportFormat, languages: [LanguageTag]? = nil, to output: @escaping (String) throws -> Void
    ) async throws -> Int {
        switch format {
        case .tbx, .tbx2008:
            let writer = TBXWriter(edition: format == .tbx ? .v3 : .v2008, output: output)
            try writer.begin()
            var count = 0
            try await forEachConcept { concept in if try writer.write(concept) { count += 1 } }
            try writer.end()
            return count
        case .tsv, .csv:
            guard let languages, languages.count == 2 else { throw GlossaryExportError.languagePairNeeded(format) }
            let writer = GlossaryTableWriter(format: format == .tsv ? .tsv : .csv, output: output)
            try writer.begin()
            var count = 0
            try await forEachConcept { concept in
                for row in Self.rows(concept, source: languages[0], target: languages[1], allPairs: format == .tsv) {
                    try writer.write(source: row.source, target: row.target, comment: row.comment)
                    count += 1
                }
            }
            try writer.end()
            return count
        }
    }

    /// Every stored concept, in id order, a page at a time.
    func forEachConcept(_ body: (Concept) throws -> Void) async throws {
        var last: Int64 = 0
        while true {
            let ids = try await store.conceptIDs(after: last, limit: Self.exportPage)
            guard let tail = ids.last else { return }
            last = tail
            for stored in try await store.concepts(ids: ids).sorted(by: { $0.id < $1.id }) { try body(stored.concept) }
        }
    }

    static let exportPage = 500

    /// The rows of a bilingual table for one concept. Only terms to use are written: preferred and
    /// admitted ones, the preferred first; deprecated and forbidden terms are left out, since a
    /// CAT tool shows every row as a translation to use. Each source term gets a row with the
    /// target's preferred term, and, with `allPairs` (OmegaT lists every synonym), one row per
    /// further target term too. A language matches its own tag first, else its fallback group
    /// (`en` finds `en-US` terms). The comment is the concept's definition, else its note.
    static func rows(
        _ concept: Concept, source: LanguageTag, target: LanguageTag, allPairs: Bool
    ) -> [(source: String, target: String, comment: String?)] {
        let sources = usableTerms(concept, in: source)
        let targets = usableTerms(concept, in: target)
        guard !sources.isEmpty, !targets.isEmpty else { return [] }
        let comment = [concept.definition, concept.note].compactMap { $0 }.first { !$0.isEmpty }
        return sources.flatMap { sourceTerm in
            (allPairs ? targets : [targets[0]]).map { (sourceTerm.text, $0.text, comment) }
        }
    }

    /// The concept's terms in `language` that may be used, best status first (stable otherwise).
    static func usableTerms(_ concept: Concept, in language: LanguageTag) -> [Term] {
        let usable = concept.terms.filter { $0.status == .preferred || $0.status == .admitted }
        var chosen = usable.filter { $0.language == language }
        if chosen.isEmpty { chosen = usable.filter { $0.language.fallbackGroup == language.fallbackGroup } }
        return chosen.enumerated().sorted { ($0.element.status, $0.offset) < ($1.element.status, $1.offset) }.map(\.element)
    }
}
