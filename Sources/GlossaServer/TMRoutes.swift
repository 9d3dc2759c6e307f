import Foundation
import GlossaFormats
import GlossaStore
import GlossaText
import Hummingbird

/// `/v1/tm/...`: lookups, concordance, export and import.
struct TMRoutes<Context: CallerRequestContext>: Sendable {
    let memory: TranslationMemory
    let configuration: ServerConfiguration
    let metrics: GlossaMetrics

    static var maxBatch: Int { 1_000 }
    /// Characters of one segment of a batch (in a body, so beyond what fits in a URL).
    static var maxSegmentLength: Int { 10_000 }

    /// Under `/v1/tm`.
    func addRoutes(to group: RouterGroup<Context>) {
        group.get("lookup", use: lookup)
        group.post("lookup", use: batchLookup)
        group.get("concordance", use: concordance)
        group.get("export", use: export)
        group.post("import", use: importFile)
    }

    /// Written by `JSONWriter` (see `JSONAnswer`).
    struct LookupResponse: JSONAnswer {
        let query: String
        let source: LanguageTag
        let target: LanguageTag
        let matches: [Match]

        func write(to json: inout JSONWriter) {
            json.object { json in
                json.field("matches", matches)
                json.field("query", query)
                json.field("source", source.canonical)
                json.field("target", target.canonical)
            }
        }
    }

    @Sendable func lookup(_ request: Request, context: Context) async throws -> LookupResponse {
        let parameters = QueryParameters(request)
        var query = LookupQuery(
            text: try parameters.require("q"),
            source: try parameters.require("source", as: LanguageTag.self),
            target: try parameters.require("target", as: LanguageTag.self),
            minimum: try parameters.get("min", within: QueryBounds.minimumScore),
            limit: try parameters.get("limit", within: QueryBounds.matches))
        let (memory, metrics) = (memory, metrics)
        query.scope = try await ScopeParameters(parameters).scope(of: memory, readable: readableMemories(context.caller))
        let matches = try await metrics.timingLookup { try await memory.lookup(query) }
        return LookupResponse(query: query.text, source: query.source, target: query.target, matches: matches)
    }

    struct BatchRequest: Decodable {
        let source: String
        let target: String
        let segments: [String]
        let min: Int?
        let limit: Int?
    }

    /// Written by `JSONWriter` (see `JSONAnswer`).
    struct BatchResponse: JSONAnswer {
        struct Result: Encodable, JSONWritable {
            let query: String
            let matches: [Match]

            func write(to json: inout JSONWriter) {
                json.object { json in
                    json.field("matches", matches)
                    json.field("query", query)
                }
            }
        }
        let source: LanguageTag
        let target: LanguageTag
        let results: [Result]

        func write(to json: inout JSONWriter) {
            json.object { json in
                json.field("results", results)
                json.field("source", source.canonical)
                json.field("target", target.canonical)
            }
        }
    }

    @Sendable func batchLookup(_ request: Request, context: Context) async throws -> BatchResponse {
        let batch = try await JSONBody.decode(
            BatchRequest.self, from: request, limit: configuration.maxJSONBytes,
            example: #"{"source":"en","target":"ru","segments":["..."]}"#)
        let source = try QueryParameters.language(batch.source, field: "'source'")
        let target = try QueryParameters.language(batch.target, field: "'target'")
        let minimum = try QueryParameters.integer(batch.min, field: "'min'", within: QueryBounds.minimumScore)
        let limit = try QueryParameters.integer(batch.limit, field: "'limit'", within: QueryBounds.matches)
        guard (1...Self.maxBatch).contains(batch.segments.count) else {
            throw Problem.badRequest("'segments' must hold 1 to \(Self.maxBatch) strings, not \(batch.segments.count)")
        }
        if let index = batch.segments.firstIndex(where: { $0.isEmpty || $0.unicodeScalars.count > Self.maxSegmentLength }) {
            throw Problem.badRequest("segments[\(index)] must hold 1 to \(Self.maxSegmentLength) characters")
        }
        let (memory, metrics) = (memory, metrics)
        let scope = try await ScopeParameters(QueryParameters(request)).scope(of: memory, readable: readableMemories(context.caller))
        var results: [BatchResponse.Result] = []
        for text in batch.segments {
            let query = LookupQuery(text: text, source: source, target: target, minimum: minimum, limit: limit, scope: scope)
            results.append(BatchResponse.Result(query: text, matches: try await metrics.timingLookup { try await memory.lookup(query) }))
        }
        return BatchResponse(source: source, target: target, results: results)
    }

    struct ConcordanceResponse: ResponseEncodable {
        let query: String
        let hits: [TranslationMemory.ConcordanceHit]
    }

    @Sendable func concordance(_ request: Request, context: Context) async throws -> ConcordanceResponse {
        let parameters = QueryParameters(request)
        let phrase = try parameters.require("q")
        let language = try parameters.get("lang", as: LanguageTag.self)
        let target = try parameters.get("target", as: LanguageTag.self)
        let limit = try parameters.get("limit", within: QueryBounds.concordanceHits)
        let offset = try parameters.get("offset", within: QueryBounds.concordanceOffset)
        let memory = memory
        let scope = try await ScopeParameters(parameters).scope(of: memory, readable: readableMemories(context.caller))
        let hits = try await memory.concordance(phrase, language: language, target: target, limit: limit, offset: offset, scope: scope)
        return ConcordanceResponse(query: phrase, hits: hits)
    }

    @Sendable func export(_ request: Request, context: Context) async throws -> Response {
        let parameters = QueryParameters(request)
        return try await Self.exportTMX(
            memory: memory, parameters: parameters, scope: try ScopeParameters(parameters), caller: context.caller, filename: "glossa")
    }

    /// A TMX download of the units `scope` admits, in the `source`/`target` pair when given.
    static func exportTMX(
        memory: TranslationMemory, parameters: QueryParameters, scope scopeParameters: ScopeParameters, caller: Caller, filename: String
    ) async throws -> Response {
        let source = try parameters.get("source", as: LanguageTag.self)
        let target = try parameters.get("target", as: LanguageTag.self)
        if target != nil, source == nil { throw Problem.badRequest("'target' needs 'source' too") }
        let scope = try await scopeParameters.scope(of: memory, readable: readableMemories(caller))
        let name = [source?.canonical, target?.canonical].compactMap { $0 }.joined(separator: "_")
        return try await TemporaryFile.download(
            contentType: "application/x-tmx+xml; charset=utf-8",
            filename: "\(filename)\(name.isEmpty ? "" : "-" + name).tmx"
        ) { output in
            try await memory.export(source: source, target: target, scope: scope, to: output)
        }
    }

    @Sendable func importFile(_ request: Request, context: Context) async throws -> Response {
        let (importer, metrics) = (memory.importer, metrics)
        // `memory=NAME` (the memory `default` when absent); `POST /v1/memories/{name}/import` does the same.
        let memoryName = try QueryParameters(request).get("memory").map { try MemoryName($0) } ?? MemoryName.defaultMemory
        try await memory.requireWrite(memoryName, by: context.caller, to: "import into memory '\(memoryName)'")
        let languages = try ImportUpload.languages(QueryParameters(request))
        return try await ImportUpload(limit: configuration.maxImportBytes, format: nil)
            .handle(request, context: context) { path, origin, dryRun in
                try await metrics.trackingImport { progress in
                    try await importer.importFile(at: path, into: memoryName, origin: origin, languages: languages, dryRun: dryRun) {
                        progress($0.unitsRead)
                    }
                }
            }
    }
}
