internal import GRDB
import GlossaModel
import GlossaStore
import GlossaText

/// A row of `term`.
struct TermRecord: FetchableRecord {
    enum Columns {
        static let id = Column("id")
        static let conceptID = Column("concept_id")
        static let position = Column("position")
        static let language = Column("language")
        static let text = Column("text")
        static let status = Column("status")
        static let partOfSpeech = Column("part_of_speech")
        static let note = Column("note")
    }

    let id: Int64
    let conceptID: Int64
    let language: String
    let text: String
    let status: String
    let partOfSpeech: String?
    let note: String?

    init(row: Row) {
        id = row[Columns.id]
        conceptID = row[Columns.conceptID]
        language = row[Columns.language]
        text = row[Columns.text]
        status = row[Columns.status]
        partOfSpeech = row[Columns.partOfSpeech]
        note = row[Columns.note]
    }

    /// The term, unless its language or status is one this version does not know.
    var stored: StoredTerm? {
        guard let language = try? LanguageTag(language), let status = TermStatus(rawValue: status) else { return nil }
        return StoredTerm(
            id: id, conceptID: conceptID, term: Term(text: text, language: language, status: status, partOfSpeech: partOfSpeech, note: note))
    }
}

/// A row of `concept`.
struct ConceptRecord: FetchableRecord {
    enum Columns {
        static let id = Column("id")
        static let contentKey = Column("content_key")
        static let externalID = Column("external_id")
        static let domain = Column("domain")
        static let definition = Column("definition")
        static let note = Column("note")
        static let source = Column("source")
        static let origin = Column("origin")
    }

    let id: Int64
    let externalID: String?
    let domain: String?
    let definition: String?
    let note: String?
    let source: String?
    let origin: String

    init(row: Row) {
        id = row[Columns.id]
        externalID = row[Columns.externalID]
        domain = row[Columns.domain]
        definition = row[Columns.definition]
        note = row[Columns.note]
        source = row[Columns.source]
        origin = row[Columns.origin]
    }

    func stored(terms: [StoredTerm]) -> StoredConcept {
        let concept = Concept(id: externalID, domain: domain, definition: definition, note: note, source: source, terms: terms.map(\.term))
        return StoredConcept(id: id, concept: concept, origin: origin, terms: terms)
    }
}
