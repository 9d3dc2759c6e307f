import GlossaModel
import GlossaText

/// A glossary generated from the CLDR data inside ICU: the names of countries and territories,
/// languages, scripts and time-zone cities, in every language asked for, all `preferred`.
/// Anyone can regenerate it with `glossa cldr-glossary`; no file outside ICU is read.
public struct CLDRGlossary: Sendable {
    public enum Section: String, CaseIterable, Sendable {
        case regions, languages, scripts, cities
    }

    public let languages: [LanguageTag]
    public let sections: [Section]

    public init(languages: [LanguageTag], sections: [Section] = Section.allCases) {
        self.languages = languages
        self.sections = sections
    }

    public var source: String { "CLDR \(CLDRNames.version) via ICU" }

    /// The concepts, section by section; entries named in fewer than two languages are left out,
    /// and so is an entry with the very names of an earlier one (two zones of one city).
    public func concepts() -> [Concept] {
        var seen = Set<String>()
        return sections.flatMap { section -> [Concept] in
            switch section {
            case .regions: displayNames(.region, codes: CLDRNames.regions(), id: "region", domain: "country", standard: "ISO 3166-1")
            case .languages: displayNames(.language, codes: CLDRNames.languages(), id: "language", domain: "language", standard: "ISO 639")
            case .scripts: displayNames(.script, codes: CLDRNames.scripts(), id: "script", domain: "script", standard: "ISO 15924")
            case .cities:
                CLDRNames.regions().flatMap { region in
                    CLDRNames.timeZones(in: region).compactMap { zone in
                        concept(
                            "city-" + zone.replacing("/", with: "."), domain: "city",
                            note: "Exemplar city of the time zone \(zone) (ISO 3166-1 \(region))"
                        ) {
                            CLDRNames.exemplarCity(of: zone, in: $0)
                        }
                    }
                }
            }
        }.filter { seen.insert($0.contentKey).inserted }
    }

    /// Writes the glossary as TBX through `output`; returns the number of concepts by domain.
    @discardableResult
    public func writeTBX(to output: @escaping (String) throws -> Void) throws -> [String: Int] {
        let writer = TBXWriter(output: output)
        try writer.begin(
            title: "Names of countries, languages, scripts and cities from \(source) ("
                + languages.map(\.canonical).joined(separator: ", ") + ")")
        var counts: [String: Int] = [:]
        for concept in concepts() where try writer.write(concept) {
            counts[concept.domain ?? "", default: 0] += 1
        }
        try writer.end()
        return counts
    }

    private func displayNames(_ kind: CLDRNames.Kind, codes: [String], id: String, domain: String, standard: String) -> [Concept] {
        codes.compactMap { code in
            concept("\(id)-\(code)", domain: domain, note: "\(standard) \(code)") { CLDRNames.displayName(kind, code: code, in: $0) }
        }
    }

    private func concept(_ id: String, domain: String, note: String, name: (String) -> String?) -> Concept? {
        let terms = languages.compactMap { language -> Term? in
            guard let text = name(language.canonical.replacing("-", with: "_")),
                Self.isWritten(text, inScriptOf: language)
            else { return nil }
            return Term(text: text, language: language, status: .preferred)
        }
        guard Set(terms.map(\.language)).count >= 2 else { return nil }
        return Concept(id: "cldr-" + id, domain: domain, note: "\(note). From \(source).", source: source, terms: terms)
    }

    /// ICU falls back to a Latin name (from the zone id) where a language has no exemplar city:
    /// such a name is not that language's, unless the language is written in Latin script.
    static func isWritten(_ text: String, inScriptOf language: LanguageTag) -> Bool {
        language.fallbackGroup.hasSuffix("-Latn") || text.unicodeScalars.contains { $0.value > 0x24F }
    }
}
