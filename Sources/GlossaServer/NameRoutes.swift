import GlossaStore
import GlossaText
import Hummingbird

/// `/v1/names` and `/v1/translit`: names across scripts, and transliteration by named standards.
struct NameRoutes<Context: RequestContext>: Sendable {
    let glossary: Glossary

    func addRoutes(to group: RouterGroup<Context>) {
        group.get("v1/names", use: names)
        group.get("v1/translit", use: transliterate)
        group.get("v1/translit/schemes", use: schemes)
    }

    /// Written by `JSONWriter` (see `JSONAnswer`).
    struct NamesResponse: JSONAnswer {
        let query: String
        let results: [NameResult]
        /// Present when no concept matches the whole name: forms by named standards, never terms.
        let transliterations: NameTransliterations?

        func write(to json: inout JSONWriter) {
            json.object { json in
                json.field("query", query)
                json.field("results", results)
                json.field("transliterations", transliterations)
            }
        }
    }

    @Sendable func names(_ request: Request, context: Context) async throws -> NamesResponse {
        let parameters = QueryParameters(request)
        let query = try parameters.require("q")
        guard query.contains(where: { !$0.isWhitespace }) else { throw Problem.badRequest("query parameter 'q' holds only spaces") }
        let languages = try parameters.get("to", as: [LanguageTag].self)
        let limit = try parameters.get("limit", within: QueryBounds.names)
        let glossary = glossary
        let answer = try await glossary.findName(query, to: languages, limit: limit)
        return NamesResponse(query: query, results: answer.results, transliterations: answer.transliterations)
    }

    struct TransliterationResponse: ResponseEncodable {
        let text: String
        let scheme: String
        let result: String
        /// A transliteration is never an attested name.
        let attested: Bool
    }

    @Sendable func transliterate(_ request: Request, context: Context) async throws -> TransliterationResponse {
        let parameters = QueryParameters(request)
        let text = try parameters.require("text")
        let name = try parameters.require("scheme")
        guard let scheme = Transliteration.scheme(named: name) else {
            throw Problem.badRequest(
                "unknown scheme '\(name)'; GET /v1/translit/schemes lists them: "
                    + Transliteration.schemes.map(\.name).joined(separator: ", "))
        }
        let result = try Transliteration.transliterate(text, scheme: scheme)
        return TransliterationResponse(text: text, scheme: scheme.name, result: result, attested: false)
    }

    struct SchemesResponse: ResponseEncodable {
        let schemes: [TransliterationScheme]
    }

    @Sendable func schemes(_ request: Request, context: Context) async throws -> SchemesResponse {
        SchemesResponse(schemes: Transliteration.schemes)
    }
}
