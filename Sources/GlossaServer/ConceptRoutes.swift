import GlossaModel
import GlossaStore
import GlossaText
import Hummingbird

/// `/v1/glossary/concepts/{id}`: one concept read, added, replaced or removed. Writes need the
/// admin token or a glossary-write token.
struct ConceptRoutes<Context: CallerRequestContext>: Sendable {
    let glossary: Glossary
    let configuration: ServerConfiguration

    static var maxTerms: Int { 500 }
    static var maxTermLength: Int { 1_000 }

    func addRoutes(to group: RouterGroup<Context>) {
        group.post("concepts", use: add)
        group.get("concepts/:id", use: read)
        group.put("concepts/:id", use: replace)
        group.delete("concepts/:id", use: remove)
    }

    /// A concept as clients send it: the terms are required, everything else optional.
    struct ConceptBody: Decodable {
        struct TermBody: Decodable {
            let text: String
            let language: String
            let status: String?
            let partOfSpeech: String?
            let note: String?
        }

        let externalId: String?
        let domain: String?
        let definition: String?
        let note: String?
        let source: String?
        let terms: [TermBody]

        static var example: String { #"{"domain":"person","terms":[{"text":"Vladimir Putin","language":"en","status":"preferred"}]}"# }
    }

    /// A stored concept, with the ids that address it and its terms.
    struct ConceptResponse: ResponseEncodable {
        struct TermResponse: Encodable {
            let id: Int64
            let text: String
            let language: String
            let status: TermStatus
            let partOfSpeech: String?
            let note: String?
        }

        let id: Int64
        let externalId: String?
        let domain: String?
        let definition: String?
        let note: String?
        let source: String?
        let origin: String
        let terms: [TermResponse]

        init(_ stored: StoredConcept) {
            id = stored.id
            externalId = stored.concept.id
            domain = stored.concept.domain
            definition = stored.concept.definition
            note = stored.concept.note
            source = stored.concept.source
            origin = stored.origin
            terms = stored.terms.map { stored in
                TermResponse(
                    id: stored.id, text: stored.term.text, language: stored.term.language.canonical,
                    status: stored.term.status, partOfSpeech: stored.term.partOfSpeech, note: stored.term.note)
            }
        }
    }

    @Sendable func read(_ request: Request, context: Context) async throws -> ConceptResponse {
        let id = try Self.id(context)
        let glossary = glossary
        return ConceptResponse(try await Self.stored(id, in: glossary))
    }

    @Sendable func add(_ request: Request, context: Context) async throws -> EditedResponse<ConceptResponse> {
        try context.caller.requireGlossaryWrite(to: "add a concept")
        let concept = try await concept(from: request)
        let glossary = glossary
        let stored = try Self.stored(await glossary.store.addConcept(PreparedConcept(concept), origin: "api"))
        return EditedResponse(
            status: .created, headers: [.location: "/v1/glossary/concepts/\(stored.id)"],
            response: ConceptResponse(stored))
    }

    @Sendable func replace(_ request: Request, context: Context) async throws -> ConceptResponse {
        try context.caller.requireGlossaryWrite(to: "replace a concept")
        let id = try Self.id(context)
        let concept = try await concept(from: request)
        let glossary = glossary
        return ConceptResponse(
            try Self.stored(await glossary.store.replaceConcept(id: id, with: PreparedConcept(concept))))
    }

    @Sendable func remove(_ request: Request, context: Context) async throws -> HTTPResponse.Status {
        try context.caller.requireGlossaryWrite(to: "remove a concept")
        let id = try Self.id(context)
        let glossary = glossary
        guard try await glossary.store.deleteConcept(id: id) else { throw Self.notFound(id) }
        return .noContent
    }

    /// The body as a concept, every field checked.
    private func concept(from request: Request) async throws -> Concept {
        let body = try await JSONBody.decode(
            ConceptBody.self, from: request, limit: configuration.maxJSONBytes,
            example: ConceptBody.example)
        guard (1...Self.maxTerms).contains(body.terms.count) else {
            throw Problem.badRequest("'terms' must hold 1 to \(Self.maxTerms) terms, not \(body.terms.count)")
        }
        let terms = try body.terms.enumerated().map { index, term in
            let text = Normalization.nfc(term.text.trimmingCharacters(in: .whitespacesAndNewlines))
            guard !text.isEmpty, text.unicodeScalars.count <= Self.maxTermLength else {
                throw Problem.badRequest("terms[\(index)].text must hold 1 to \(Self.maxTermLength) characters")
            }
            let status =
                try term.status.map { raw in
                    guard let status = TermStatus(rawValue: raw) else {
                        throw Problem.badRequest(
                            "terms[\(index)].status must be one of "
                                + TermStatus.allCases.map(\.rawValue).joined(separator: ", ") + ", not '\(raw)'")
                    }
                    return status
                } ?? .admitted
            return Term(
                text: text, language: try QueryParameters.language(term.language, field: "terms[\(index)].language"),
                status: status, partOfSpeech: term.partOfSpeech, note: term.note)
        }
        return Concept(
            id: body.externalId, domain: body.domain, definition: body.definition, note: body.note,
            source: body.source, terms: terms)
    }

    private static func id(_ context: Context) throws -> Int64 {
        let problem = Problem.badRequest("a concept id is a positive integer, as /v1/names answers it in 'conceptID'")
        guard let id = try? context.parameters.require("id", as: Int64.self) else { throw problem }
        guard id > 0 else { throw problem }
        return id
    }

    /// The concept as the write stored it (not read again: a read replica may not have it yet).
    private static func stored(_ write: ConceptWrite) throws -> StoredConcept {
        switch write {
        case .done(let stored): return stored
        case .duplicateOf(let other):
            throw Problem.duplicateConcept("concept \(other) has exactly these terms already (/v1/glossary/concepts/\(other))")
        case .notFound: throw Problem.notFound("there is no concept with this id")
        }
    }

    private static func stored(_ id: Int64, in glossary: Glossary) async throws -> StoredConcept {
        guard let stored = try await glossary.store.concepts(ids: [id]).first else { throw notFound(id) }
        return stored
    }

    private static func notFound(_ id: Int64) -> Problem {
        Problem.notFound("there is no concept \(id)")
    }
}
