import Foundation
import GlossaModel
import GlossaStore
import GlossaText
import Hummingbird
import Logging
import NIOCore

/// The amaGama / translate-toolkit "tmserver" protocol, as Weblate, Okapi and Virtaal speak it,
/// mounted at `/tmserver` and at `/api/v1` (amaGama's own prefix):
///
/// - `GET {prefix}/{source}/{target}/unit/{text}` (`min_similarity`, `max_candidates`): a JSON
///   array, best first, of `{"quality", "rank", "source", "target"}`; the older
///   `GET {prefix}/{source}/{target}/unit/?source=TEXT` the same.
/// - `GET {prefix}/languages/`: `{"sourceLanguages": [...], "targetLanguages": [...]}`.
/// - `POST`/`PUT {prefix}/{source}/{target}/unit/{text}` with `{"source", "target"}` and
///   `POST {prefix}/{source}/{target}/store/{name}` with a list of them: write-back into the memory
///   `memory=` names (`default` when absent), with the token any write needs.
///
/// The text is the last part of the path, percent-encoded (`%2F` a slash, `+` a plus). Hummingbird's
/// router splits the raw path on `/` and hands over captures undecoded, so one catch-all route per
/// method reads the raw path itself: a text may hold encoded or even bare slashes.
struct TMServerRoutes<Context: CallerRequestContext & EventLoopRequestContext>: Sendable {
    let memory: TranslationMemory
    let configuration: ServerConfiguration
    let metrics: GlossaMetrics
    /// Where the routes are mounted (`/tmserver`), to find the protocol's path below it.
    let prefix: String

    func addRoutes(to group: RouterGroup<Context>) {
        group.get("**", use: read)
        group.post("**", use: write)
        group.put("**", use: write)
    }

    // MARK: Reads

    @Sendable func read(_ request: Request, context: Context) async throws -> Response {
        switch try TMServerPath(request.uri.path, below: prefix) {
        case .languages: return try await languages(request, context: context)
        case .unit(let source, let target, let text):
            let parameters = QueryParameters(request)
            let minimum = try parameters.get("min_similarity", within: QueryBounds.minimumScore)
            let limit = try parameters.get("max_candidates", within: QueryBounds.matches)
            // `/unit/` alone is also what an HTTP client leaves of the texts `.` and `..` (it removes
            // dot segments), so no text is no suggestion, not an error.
            guard let text = try text ?? parameters.get("source") else { return Self.suggestions([]) }
            let query = LookupQuery(text: text, source: source, target: target, minimum: minimum, limit: limit)
            return try await suggestions(for: query, context: context)
        case .pair:
            return Self.suggestions([])
        case .store:
            throw Problem.methodNotAllowed("\(request.uri.path) takes POST (a list of units to store)", allow: "POST")
        }
    }

    /// Suggestions for `query`, whose text may hold Weblate's tokens.
    private func suggestions(for query: LookupQuery, context: Context) async throws -> Response {
        guard query.text.unicodeScalars.count <= QueryParameters.maxTextLength else {
            throw Problem.badRequest("the text is longer than \(QueryParameters.maxTextLength) characters")
        }
        var query = query
        let (memory, metrics) = (memory, metrics)
        do {
            query.scope = try await memory.scope(names: nil, readable: readableMemories(context.caller))
            let deadline = min(configuration.suggestionDeadline, configuration.requestTimeout)
            guard
                let matches = try await Deadline.run(
                    within: deadline, on: context.eventLoop,
                    { [query] in
                        try await metrics.timingLookup { try await memory.lookup(tokenized: query) }
                    })
            else {
                context.logger.warning("tmserver lookup abandoned at its deadline", metadata: ["deadline": "\(deadline)"])
                return Self.suggestions([])
            }
            return Self.suggestions(
                matches.map { Suggestion(source: $0.source, target: $0.target, quality: $0.score.value) })
        } catch StoreError.unavailable {
            throw Problem.internalError("the database cannot be reached; retry in a few seconds")
        }
    }

    struct Suggestion {
        let source: String
        let target: String
        let quality: Int
    }

    /// The suggestions as amaGama writes them (keys sorted). `quality` and `rank` are JSON numbers
    /// with a fraction (`80.0`): Okapi's connector reads them as doubles and fails on an integer,
    /// and Foundation's encoder writes a whole double without one. `rank` is amaGama's relevance
    /// (higher first); Glossa ranks by its score, so the two are equal.
    static func suggestions(_ suggestions: [Suggestion]) -> Response {
        var json = JSONWriter()
        json.array(suggestions) { json, suggestion in
            json.object { json in
                json.key("quality")
                json.wholeNumberWithFraction(suggestion.quality)
                json.key("rank")
                json.wholeNumberWithFraction(suggestion.quality)
                json.field("source", suggestion.source)
                json.field("target", suggestion.target)
            }
        }
        return json.response
    }

    struct LanguagesResponse: ResponseEncodable {
        let sourceLanguages: [String]
        let targetLanguages: [String]
    }

    /// Every code a client may ask with for a language of the memories the caller may read, in the
    /// form Weblate looks it up (`zh_hans`, `zh_cn`, `en`): when this answers, Weblate sends nothing
    /// for a pair it does not find here. Any stored language may be either side of a pair.
    private func languages(_ request: Request, context: Context) async throws -> Response {
        let memory = memory
        let stored = try await memory.store.languages(memories: try await readableMemoryIDs(context.caller, of: memory))
        let codes = Set(stored.flatMap(\.language.clientCodes)).sorted()
        return try context.responseEncoder.encode(LanguagesResponse(sourceLanguages: codes, targetLanguages: codes), from: request, context: context)
    }

    // MARK: Write-back

    /// A unit as amaGama's write API takes it (other fields, such as `context`, are ignored).
    struct UnitBody: Decodable {
        /// The path's text when absent.
        let source: String?
        let target: String
    }

    struct WriteResponse: ResponseEncodable {
        let memory: MemoryName
        let read: Int
        let imported: Int
        let duplicates: Int
    }

    static var unitExample: String { #"{"source":"Putin arrives in Beijing","target":"Путин прибыл в Пекин"}"# }
    /// The origin of units written back one at a time (a store's are its name).
    static var unitOrigin: String { "tmserver" }

    /// amaGama answers both POST (update) and PUT (add) by adding the unit; so does Glossa, as one
    /// import of the memory (undone like any other). A unit already stored counts as a duplicate.
    @Sendable func write(_ request: Request, context: Context) async throws -> Response {
        let path = try TMServerPath(request.uri.path, below: prefix)
        let name = try QueryParameters(request).get("memory").map { try MemoryName($0) } ?? MemoryName.defaultMemory
        let units: [TranslationUnit]
        let origin: String
        switch path {
        case .unit(let source, let target, let text):
            try await memory.requireWrite(name, by: context.caller, to: "store a unit in memory '\(name)'")
            let body = try await JSONBody.decode(UnitBody.self, from: request, limit: configuration.maxJSONBytes, example: Self.unitExample)
            let pathText = try text ?? QueryParameters(request).get("source")
            units = [try Self.unit(body, pathText: pathText, source: source, target: target, field: "")]
            origin = Self.unitOrigin
        case .store(let source, let target, let storeName) where request.method == .post:
            try await memory.requireWrite(name, by: context.caller, to: "store units in memory '\(name)'")
            let body = try await JSONBody.decode(
                [UnitBody].self, from: request, limit: configuration.maxJSONBytes, example: "[\(Self.unitExample)]")
            guard body.count <= UnitRoutes<Context>.maxUnits else {
                throw Problem.badRequest("a store takes at most \(UnitRoutes<Context>.maxUnits) units at once, not \(body.count)")
            }
            units = try body.enumerated().map { index, unit in
                try Self.unit(unit, pathText: nil, source: source, target: target, field: "[\(index)].")
            }
            origin = storeName
        case .store:
            throw Problem.methodNotAllowed("\(request.uri.path) takes POST with a JSON list of units", allow: "POST")
        case .languages:
            throw Problem.methodNotAllowed("\(request.uri.path) takes GET", allow: "GET, HEAD")
        case .pair:
            throw Problem.notFound("write a unit to {source}/{target}/unit/{text} or a list of them to {source}/{target}/store/{name}")
        }
        var counts = ImportCounts(read: 0, imported: 0, duplicates: 0, rejected: 0)
        if !units.isEmpty { counts = try await memory.addUnits(units, into: name, origin: origin) }
        return try context.responseEncoder.encode(
            WriteResponse(memory: name, read: counts.read, imported: counts.imported, duplicates: counts.duplicates), from: request,
            context: context)
    }

    /// A unit of a write, checked before anything is stored; `field` prefixes the names in errors.
    private static func unit(
        _ body: UnitBody, pathText: String?, source: LanguageTag, target: LanguageTag, field: String
    ) throws -> TranslationUnit {
        guard source != target else {
            throw Problem.badRequest("the source and target languages are both \(source)")
        }
        guard let sourceText = body.source ?? pathText, !sourceText.allSatisfy(\.isWhitespace) else {
            throw Problem.badRequest("'\(field)source' must hold text")
        }
        guard !body.target.allSatisfy(\.isWhitespace) else { throw Problem.badRequest("'\(field)target' must hold text") }
        return TranslationUnit(
            tuid: nil, sourceLanguage: source,
            segments: [Segment(language: source, text: sourceText), Segment(language: target, text: body.target)])
    }
}

/// Where the tmserver protocol is mounted, for the middlewares that treat its requests apart.
enum TMServerProtocol {
    /// `/tmserver` for Weblate's and Virtaal's default settings, `/api/v1` for clients set up for amaGama.
    static let prefixes = ["tmserver", "api/v1"]

    /// For each mounted catch-all route, the methods a path below it takes (for the 405 of any other).
    static var methodsBelowCatchAlls: [String: @Sendable (String) -> Set<String>?] {
        var methods: [String: @Sendable (String) -> Set<String>?] = [:]
        for prefix in prefixes {
            methods["/\(prefix)/**"] = { path in try? TMServerPath(path, below: "/" + prefix).methods }
        }
        return methods
    }

    /// The path as logs show it: a tmserver path holds the text people translate (other routes
    /// take it in the query string, which is never logged), so what follows `/unit/` or `/store/`
    /// is left out.
    static func loggedPath(_ path: String) -> String {
        guard prefixes.contains(where: { path.hasPrefix("/\($0)/") }) else { return path }
        for marker in ["/unit/", "/store/"] {
            if let range = path.range(of: marker), range.upperBound < path.endIndex { return path[..<range.upperBound] + "…" }
        }
        return path
    }

    /// Lookups answer at their own deadline (`ServerConfiguration.suggestionDeadline`), never with the 503 of the request timeout.
    static func keepsItsOwnDeadline(_ request: Request) -> Bool {
        guard request.method == .get || request.method == .head else { return false }
        let path = request.uri.path
        return prefixes.contains { path.hasPrefix("/\($0)/") }
    }
}

/// Where a tmserver request goes, read from its raw path below the prefix.
enum TMServerPath: Equatable {
    case languages
    /// A unit lookup or write; `text` is nil for `/unit/` (the text in `?source=` or the body).
    case unit(source: LanguageTag, target: LanguageTag, text: String?)
    /// A language pair and nothing after it (`/unit/..` once a client removed the dot segment).
    case pair(source: LanguageTag, target: LanguageTag)
    case store(source: LanguageTag, target: LanguageTag, name: String)

    init(_ rawPath: String, below prefix: String) throws {
        var rest = Substring(rawPath)
        if rest.hasPrefix(prefix) { rest = rest.dropFirst(prefix.count) }
        if rest.hasPrefix("/") { rest = rest.dropFirst() }
        let parts = rest.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
        if parts.first == "languages", parts.count == 1 || (parts.count == 2 && parts[1].isEmpty) {
            self = .languages
            return
        }
        guard parts.count >= 2 else { throw Self.unknown(rawPath) }
        let source = try Self.language(parts[0], side: "source")
        let target = try Self.language(parts[1], side: "target")
        let tail = parts.count > 3 ? parts[3] : ""
        switch parts.count > 2 ? parts[2] : "" {
        case "":
            guard parts.count <= 3 else { throw Self.unknown(rawPath) }
            self = .pair(source: source, target: target)
        case "unit":
            self = .unit(source: source, target: target, text: tail.isEmpty ? nil : try Self.decode(tail, what: "the text"))
        case "store" where !tail.isEmpty:
            self = .store(source: source, target: target, name: try Self.decode(tail, what: "the store's name"))
        default:
            throw Self.unknown(rawPath)
        }
    }

    /// The methods the path takes (for the 405 of any other).
    var methods: Set<String> {
        switch self {
        case .languages, .pair: ["GET", "HEAD"]
        case .unit: ["GET", "HEAD", "POST", "PUT"]
        case .store: ["POST"]
        }
    }

    private static func unknown(_ path: String) -> Problem {
        Problem.notFound("no tmserver resource at \(path): try {source}/{target}/unit/{text} or languages/")
    }

    /// A language code as clients send it: BCP 47 (`pt-BR`), POSIX (`pt_BR`) or Weblate's lowercase (`pt_br`).
    private static func language(_ raw: Substring, side: String) throws -> LanguageTag {
        guard let decoded = QueryParameters.percentDecode(raw, plusIsSpace: false) else {
            throw Problem.badRequest("the \(side) language is not valid percent-encoded UTF-8")
        }
        return try QueryParameters.language(decoded, field: "the \(side) language")
    }

    /// Percent-decoded as a path is: `+` is a plus.
    private static func decode(_ raw: Substring, what: String) throws -> String {
        guard let decoded = QueryParameters.percentDecode(raw, plusIsSpace: false) else {
            throw Problem.badRequest("\(what) is not valid percent-encoded UTF-8")
        }
        return decoded
    }
}
