import Foundation
import GlossaServer
import GlossaStore
import GlossaTestSupport
import GlossaText
import Hummingbird
import Logging
import Testing

/// The HTTP API on a live port, over a real SQLite file holding the sample memory.
@Suite struct ServerTests {
    static let token = "test-token-123"

    func withServer(
        token: String? = ServerTests.token, maxImportBytes: Int = 512 << 20,
        configure: (inout ServerConfiguration) -> Void = { _ in }, logger: Logger? = nil,
        _ test: @escaping @Sendable (LiveClient, TranslationMemory) async throws -> Void
    ) async throws {
        let store = try await Fixtures.newStore()
        let memory = TranslationMemory(store: store)
        _ = try await memory.importer.importFile(at: Fixtures.sampleTMX)
        try await Fixtures.storePutin(in: Glossary(store: store))
        // A test machine running every suite at once can take seconds over a lookup: the tmserver
        // deadline is tested on its own (through `requestTimeout`), not in every tmserver test.
        var configuration = ServerConfiguration(
            host: "127.0.0.1", port: 0, token: token, maxImportBytes: maxImportBytes, suggestionDeadline: .seconds(60))
        configure(&configuration)
        try await withLiveServer(
            memory: memory, glossary: Glossary(store: store), tokens: AccessTokens(store: store), configuration: configuration,
            metrics: Self.metrics, logger: logger
        ) { client in try await test(client, memory) }
    }

    func json(_ response: LiveClient.Response) throws -> [String: Any] {
        let data = Data(buffer: response.body)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// Checks a problem+json answer and returns its detail.
    @discardableResult
    func expectProblem(
        _ response: LiveClient.Response, _ status: HTTPResponse.Status, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> String {
        #expect(response.status == status, sourceLocation: sourceLocation)
        #expect(response.headers[.contentType] == "application/problem+json", sourceLocation: sourceLocation)
        let body = try json(response)
        #expect(body["status"] as? Int == Int(status.code), sourceLocation: sourceLocation)
        let detail = try #require(body["detail"] as? String, sourceLocation: sourceLocation)
        #expect(!detail.isEmpty, sourceLocation: sourceLocation)
        return detail
    }

    @Test func healthAndLanguages() async throws {
        try await withServer { client, _ in
            try await client.execute(uri: "/health", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/health", method: .head) { #expect($0.status == .ok) }
            try await client.execute(uri: "/v1/languages", method: .get) { response in
                let languages = try #require(try self.json(response)["languages"] as? [[String: Any]])
                #expect(languages.compactMap { $0["language"] as? String }.sorted() == ["en", "ru", "zh-CN"])
            }
        }
    }

    @Test func lookupFindsExactAndFuzzyMatches() async throws {
        try await withServer { client, _ in
            try await client.execute(uri: "/v1/tm/lookup?q=Putin+arrived%20in+Beijing&source=en-US&target=ru&min=50", method: .get) { response in
                #expect(response.status == .ok)
                let matches = try #require(try self.json(response)["matches"] as? [[String: Any]])
                let first = try #require(matches.first)
                #expect((first["score"] as? [String: Any])?["value"] as? Int == 75)
                #expect((first["target"] as? [String: Any])?["text"] as? String == "Путин прибыл в Пекин")
                #expect((first["source"] as? [String: Any])?["languageMatch"] as? String == "broader")
            }
        }
    }

    @Test func badParametersAreProblems() async throws {
        try await withServer { client, _ in
            for uri in [
                "/v1/tm/lookup?source=en&target=ru", "/v1/tm/lookup?q=x&source=en", "/v1/tm/lookup?q=x&source=en_&target=ru",
                "/v1/tm/lookup?q=x&source=en&target=ru&min=101", "/v1/tm/lookup?q=x&source=en&target=ru&limit=0",
                "/v1/tm/lookup?q=x&source=en&target=ru&limit=-3", "/v1/tm/lookup?q=x&source=en&target=ru&min=abc",
                "/v1/tm/lookup?q=%E0%A4&source=en&target=ru",
                "/v1/tm/lookup?q=\(String(repeating: "a", count: 10_001))&source=en&target=ru", "/v1/tm/concordance?lang=en",
            ] {
                try await client.execute(uri: uri, method: .get) { try self.expectProblem($0, .badRequest) }
            }
            try await client.execute(uri: "/v1/nothing", method: .get) { try self.expectProblem($0, .notFound) }
        }
    }

    @Test func batchLookupAnswersEachSegment() async throws {
        try await withServer { client, _ in
            let body = #"{"source":"en","target":"zh-CN","segments":["Putin arrives in Beijing","Putin arrives in Harbin","nothing like it at all"]}"#
            try await client.execute(
                uri: "/v1/tm/lookup", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: body)
            ) { response in
                #expect(response.status == .ok)
                let results = try #require(try self.json(response)["results"] as? [[String: Any]])
                #expect(results.count == 3)
                #expect(
                    (results[0]["matches"] as? [[String: Any]])?.first.flatMap { ($0["target"] as? [String: Any])?["text"] as? String } == "普京抵达北京")
                #expect((results[2]["matches"] as? [Any])?.isEmpty == true)
            }
            for bad in [
                "{", #"{"source":"en","target":"ru"}"#, #"{"source":"en","target":"ru","segments":[]}"#,
                #"{"source":"en","target":"ru","segments":"x"}"#, #"{"source":"en","target":"ru","segments":["x"],"min":500}"#,
            ] {
                try await client.execute(uri: "/v1/tm/lookup", method: .post, body: ByteBuffer(string: bad)) {
                    try self.expectProblem($0, .badRequest)
                }
            }
            let huge = #"{"source":"en","target":"ru","segments":[""# + String(repeating: "a", count: 3 << 20) + #""]}"#
            try await client.execute(uri: "/v1/tm/lookup", method: .post, body: ByteBuffer(string: huge)) {
                try self.expectProblem($0, .contentTooLarge)
            }
        }
    }

    @Test func searchSyntaxIsMatchedLiterallyNeverParsed() async throws {
        try await withServer { client, _ in
            func hits(_ query: String) async throws -> Int {
                let uri = "/v1/tm/concordance?lang=en&q=" + query.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .ok, "\(query)")
                return try #require(try self.json(response)["hits"] as? [[String: Any]]).count
            }
            #expect(try await hits("Putin") > 0)
            // As boolean, proximity or prefix syntax these would match "Putin" segments; as text they match none.
            for query in ["Putin OR Xi", "Putin NOT Xi", "NEAR(Putin Xi)", "Puti*", "\"Puti\"*"] {
                #expect(try await hits(query) == 0, "\(query)")
            }
            for query in ["\"", "*", "NEAR(", "OR", "-", ":", "^", "\"\"", "(((", "'; DROP TABLE unit; --"] {
                _ = try await hits(query)
                let lookup = "/v1/tm/lookup?source=en&target=ru&min=0&q=" + query.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                #expect(try await client.execute(uri: lookup, method: .get).status == .ok, "\(query)")
            }
        }
    }

    @Test func concordanceAndExport() async throws {
        try await withServer { client, _ in
            try await client.execute(uri: "/v1/tm/concordance?q=Power%20of%20Siberia&lang=en&target=zh-CN", method: .get) { response in
                let hits = try #require(try self.json(response)["hits"] as? [[String: Any]])
                #expect(!hits.isEmpty)
            }
            try await client.execute(uri: "/v1/tm/export?source=en&target=ru", method: .get) { response in
                #expect(response.status == .ok)
                let text = String(buffer: response.body)
                #expect(text.hasPrefix("<?xml"))
                #expect(text.components(separatedBy: "<tu ").count - 1 == 91)
                #expect(!text.contains("zh-CN"))
            }
        }
    }

    @Test func importNeedsTheToken() async throws {
        let tmx = Fixtures.tmx([[("en", "A brand new sentence."), ("ru", "Совершенно новое предложение.")]])
        try await withServer { client, memory in
            try await client.execute(uri: "/v1/tm/import", method: .post, body: ByteBuffer(string: tmx)) { response in
                try self.expectProblem(response, .unauthorized)
                #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            }
            try await client.execute(
                uri: "/v1/tm/import", method: .post, headers: [.authorization: "Bearer wrong"],
                body: ByteBuffer(string: tmx)
            ) { try self.expectProblem($0, .unauthorized) }
            #expect(try await memory.store.statistics(memories: nil).units == 91)
            try await client.execute(
                uri: "/v1/tm/import?origin=new.tmx", method: .post, headers: [.authorization: "Bearer \(Self.token)"],
                body: ByteBuffer(string: tmx)
            ) { response in
                #expect(response.status == .created)
                let report = try self.json(response)
                #expect(report["imported"] as? Int == 1)
            }
            #expect(try await memory.store.statistics(memories: nil).units == 92)
            try await client.execute(uri: "/v1/tm/lookup?q=A%20brand%20new%20sentence.&source=en&target=ru", method: .get) { response in
                let body = try self.json(response)
                #expect((body["matches"] as? [Any])?.count == 1)
            }
        }
        try await withServer(token: nil) { client, _ in
            try await client.execute(uri: "/v1/tm/import", method: .post, body: ByteBuffer(string: tmx)) { response in
                let detail = try self.expectProblem(response, .forbidden)
                #expect(detail.contains("GLOSSA_TOKEN"))
            }
            // A token the server does not know is refused as such, admin token or not.
            try await client.execute(
                uri: "/v1/tm/import", method: .post, headers: [.authorization: "Bearer x"],
                body: ByteBuffer(string: tmx)
            ) { try self.expectProblem($0, .unauthorized) }
        }
    }

    @Test func glossaryImportNeedsTheTokenAndMakesNamesFindable() async throws {
        let tbx = try String(contentsOfFile: Fixtures.corpusFile("tbx/okapi-framework_okapi/maryland.tbx"), encoding: .utf8)
        try await withServer { client, _ in
            try await client.execute(uri: "/v1/glossary/import", method: .post, body: ByteBuffer(string: tbx)) {
                try self.expectProblem($0, .unauthorized)
            }
            try await client.execute(
                uri: "/v1/glossary/import", method: .post, headers: [.authorization: "Bearer \(Self.token)"],
                body: ByteBuffer(string: "<tmx/>")
            ) { try self.expectProblem($0, .unprocessableContent) }
            try await client.execute(
                uri: "/v1/glossary/import?origin=maryland.tbx", method: .post,
                headers: [.authorization: "Bearer \(Self.token)"], body: ByteBuffer(string: tbx)
            ) { response in
                #expect(response.status == .created)
                let report = try self.json(response)
                #expect(report["imported"] as? Int == 1)
                #expect(report["terms"] as? Int == 13)
            }
            try await client.execute(uri: "/v1/glossary/export", method: .get) { response in
                #expect(response.status == .ok)
                let text = String(buffer: response.body)
                #expect(text.components(separatedBy: "<conceptEntry").count - 1 == 4)  // 3 fixtures + maryland
            }
        }
    }

    @Test func badTMXIsRefusedAndChangesNothing() async throws {
        try await withServer(maxImportBytes: 4_096) { client, memory in
            let headers: HTTPFields = [.authorization: "Bearer \(Self.token)"]
            let truncated = String(Fixtures.tmx([[("en", "One more."), ("ru", "Ещё.")]]).dropLast(20))
            for body in ["", "not xml at all", "<martif/>", truncated] {
                try await client.execute(uri: "/v1/tm/import", method: .post, headers: headers, body: ByteBuffer(string: body)) {
                    try self.expectProblem($0, .unprocessableContent)
                }
            }
            let large = try String(contentsOfFile: Fixtures.sampleTMX, encoding: .utf8)
            try await client.execute(uri: "/v1/tm/import", method: .post, headers: headers, body: ByteBuffer(string: large)) {
                try self.expectProblem($0, .contentTooLarge)
            }
            #expect(try await memory.store.statistics(memories: nil).units == 91)
        }
    }

    @Test func namesAndTransliteration() async throws {
        try await withServer { client, _ in
            try await client.execute(uri: "/v1/names?q=%E6%99%AE%E4%BA%AC&to=en,ru", method: .get) { response in  // 普京
                #expect(response.status == .ok)
                let results = try #require(try self.json(response)["results"] as? [[String: Any]])
                let terms = try #require(results.first?["terms"] as? [String: [[String: Any]]])
                #expect(terms["en"]?.first?["text"] as? String == "Vladimir Putin")
                #expect(terms["ru"]?.first?["text"] as? String == "Владимир Путин")
                #expect(terms["zh-CN"] == nil)
            }
            try await client.execute(uri: "/v1/translit?text=%D0%9F%D1%83%D1%82%D0%B8%D0%BD&scheme=gbt17693", method: .get) { response in
                let body = try self.json(response)
                #expect(body["result"] as? String == "普京")
            }
            try await client.execute(uri: "/v1/translit?text=x&scheme=nope", method: .get) { try self.expectProblem($0, .badRequest) }
            try await client.execute(uri: "/v1/names?q=x&to=en,%3F", method: .get) { try self.expectProblem($0, .badRequest) }
            let annotate = #"{"text":"Putin spoke in the Nice Corridor of the Individuals.","language":"en","to":["zh"]}"#
            try await client.execute(uri: "/v1/glossary/annotate", method: .post, body: ByteBuffer(string: annotate)) { response in
                let occurrences = try #require(try self.json(response)["occurrences"] as? [[String: Any]])
                #expect(occurrences.compactMap { $0["text"] as? String } == ["Putin", "Nice Corridor of the Individuals"])
            }
            let check = #"{"source":"Putin spoke in the Nice Corridor of the Individuals.","language":"en"}"#
            try await client.execute(uri: "/v1/glossary/check", method: .post, body: ByteBuffer(string: check)) { response in
                let issues = try #require(try self.json(response)["issues"] as? [[String: Any]])
                #expect(issues.first?["kind"] as? String == "deprecated-term")
            }
            try await client.execute(uri: "/v1/glossary/check", method: .post, body: ByteBuffer(string: #"{"source":""}"#)) {
                try self.expectProblem($0, .badRequest)
            }
            try await client.execute(uri: "/v1/translit/schemes", method: .get) { response in
                let body = try self.json(response)
                #expect((body["schemes"] as? [Any])?.count == Transliteration.schemes.count)
            }
        }
    }

    @Test func openAPIDocumentDescribesEveryRoute() async throws {
        try await withServer { client, _ in
            try await client.execute(uri: "/openapi.yaml", method: .get) { response in
                #expect(response.status == .ok)
                let document = String(buffer: response.body)
                #expect(document.hasPrefix("openapi: 3.1"))
                for path in [
                    "/health:", "/v1/languages:", "/v1/stats:", "/v1/tm/lookup:", "/v1/tm/concordance:", "/v1/tm/export:", "/v1/tm/import:",
                    "/v1/names:", "/v1/translit:", "/v1/translit/schemes:", "/v1/glossary/annotate:", "/v1/glossary/check:", "/v1/glossary/import:",
                    "/v1/glossary/export:", "/v1/glossary/concepts:", "/v1/glossary/concepts/{id}:", "/tmserver/languages/:",
                    "/tmserver/{source}/{target}/unit/{text}:", "/tmserver/{source}/{target}/unit/:", "/tmserver/{source}/{target}/store/{name}:",
                ] {
                    #expect(document.contains("  \(path)"), "\(path) missing from openapi.yaml")
                }
            }
        }
    }
}
