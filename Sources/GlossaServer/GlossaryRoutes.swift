import Foundation
import GlossaStore
import GlossaText
import Hummingbird

/// `/v1/glossary/...`: the glossary applied to text.
struct GlossaryRoutes<Context: CallerRequestContext>: Sendable {
    let glossary: Glossary
    let configuration: ServerConfiguration

    static var maxTextLength: Int { 1_000_000 }

    /// Under `/v1/glossary`.
    func addRoutes(to group: RouterGroup<Context>) {
        group.post("annotate", use: annotate)
        group.post("check", use: check)
        group.post("import", use: importTBX)
        group.get("export", use: exportTBX)
        ConceptRoutes<Context>(glossary: glossary, configuration: configuration)
            .addRoutes(to: group)
    }

    /// `format=tbx` (the default), `tbx-2008`, `tsv` or `csv`; the tables take `languages=source,target`.
    @Sendable func exportTBX(_ request: Request, context: Context) async throws -> Response {
        let parameters = QueryParameters(request)
        let name = try parameters.get("format")?.lowercased() ?? GlossaryExportFormat.tbx.rawValue
        guard let format = GlossaryExportFormat(rawValue: name) else {
            let names = GlossaryExportFormat.allCases.map(\.rawValue).joined(separator: ", ")
            throw Problem.badRequest("'format' must be one of \(names), not '\(name)'")
        }
        let languages = try parameters.get("languages").map { list in
            try list.split(separator: ",").map { try QueryParameters.language(String($0), field: "'languages'") }
        }
        if format.needsLanguagePair, languages?.count != 2 {
            throw Problem.badRequest("format=\(format) holds one language pair: add languages=source,target (languages=en,ru)")
        }
        if !format.needsLanguagePair, languages != nil {
            throw Problem.badRequest("format=\(format) holds every language: 'languages' is for tsv and csv")
        }
        let pair = languages.map { "-" + $0.map(\.canonical).joined(separator: "_") } ?? ""
        let glossary = glossary
        return try await TemporaryFile.download(contentType: format.contentType, filename: "glossa-glossary\(pair).\(format.fileExtension)") {
            output in try await glossary.export(format: format, languages: languages, to: output)
        }
    }

    /// TBX by default; `format=csv` or `tsv` reads a table, whose columns `languages` names when its
    /// header does not.
    @Sendable func importTBX(_ request: Request, context: Context) async throws -> Response {
        let parameters = QueryParameters(request)
        let format = try parameters.get("format")?.lowercased() ?? "tbx"
        guard ["tbx", "csv", "tsv"].contains(format) else {
            throw Problem.badRequest("'format' must be tbx, csv or tsv, not '\(format)'")
        }
        let languages = try parameters.get("languages").map { list in
            try list.split(separator: ",").map { try QueryParameters.language(String($0), field: "'languages'") }
        }
        try context.caller.requireGlossaryWrite(to: "import into the glossary")
        let glossary = glossary
        return try await ImportUpload(limit: configuration.maxImportBytes, format: format.uppercased())
            .handle(request, context: context) { path, origin, dryRun in
                try await glossary.importGlossary(at: path, origin: origin, languages: languages, table: format != "tbx", dryRun: dryRun)
            }
    }

    struct AnnotateRequest: Decodable {
        let text: String
        let language: String
        let to: [String]?
    }

    struct AnnotateResponse: ResponseEncodable {
        let occurrences: [TermOccurrence]
    }

    @Sendable func annotate(_ request: Request, context: Context) async throws -> AnnotateResponse {
        let body = try await JSONBody.decode(
            AnnotateRequest.self, from: request, limit: configuration.maxJSONBytes,
            example: #"{"text":"...","language":"en","to":["ru","zh"]}"#)
        let language = try QueryParameters.language(body.language, field: "'language'")
        let targets = try (body.to ?? []).map { try QueryParameters.language($0, field: "'to'") }
        try Self.checkLength(body.text, field: "text")
        let glossary = glossary
        return AnnotateResponse(occurrences: try await glossary.annotate(body.text, language: language, to: targets))
    }

    struct CheckRequest: Decodable {
        let source: String
        let language: String
        let translation: String?
        let translationLanguage: String?
    }

    struct CheckResponse: ResponseEncodable {
        let issues: [TermIssue]
    }

    @Sendable func check(_ request: Request, context: Context) async throws -> CheckResponse {
        let body = try await JSONBody.decode(
            CheckRequest.self, from: request, limit: configuration.maxJSONBytes,
            example: #"{"source":"...","language":"en","translation":"...","translationLanguage":"ru"}"#)
        let language = try QueryParameters.language(body.language, field: "'language'")
        let translationLanguage = try body.translationLanguage.map { try QueryParameters.language($0, field: "'translationLanguage'") }
        if (body.translation == nil) != (translationLanguage == nil) {
            throw Problem.badRequest("'translation' and 'translationLanguage' go together")
        }
        try Self.checkLength(body.source, field: "source")
        if let translation = body.translation { try Self.checkLength(translation, field: "translation") }
        let glossary = glossary
        return CheckResponse(
            issues: try await glossary.check(
                source: body.source, language: language, translation: body.translation,
                translationLanguage: translationLanguage))
    }

    static func checkLength(_ text: String, field: String) throws {
        guard !text.isEmpty, text.unicodeScalars.count <= maxTextLength else {
            throw Problem.badRequest("'\(field)' must hold 1 to \(maxTextLength) characters")
        }
    }
}
