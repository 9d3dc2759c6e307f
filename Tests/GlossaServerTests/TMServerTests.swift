import Foundation
import GlossaServer
import GlossaStore
import GlossaTestSupport
import Hummingbird
import Logging
import Testing

/// The amaGama / tmserver protocol on a live server holding the sample memory (English, Russian,
/// Chinese), asked as Weblate, Okapi and Virtaal ask it.
extension ServerTests {
    /// A path segment as Weblate writes it (Python's `quote(part, b"")`): everything but
    /// `A-Z a-z 0-9 - . _ ~` percent-encoded as UTF-8, `/` and `+` included.
    static func quote(_ text: String) -> String {
        text.addingPercentEncoding(
            withAllowedCharacters: CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"))!
    }

    func suggestions(_ client: LiveClient, _ uri: String, token: String? = nil) async throws -> [[String: Any]] {
        let response = try await request(client, .get, uri, token: token)
        #expect(response.status == .ok, "\(uri): \(String(buffer: response.body))")
        #expect(response.headers[.contentType] == "application/json; charset=utf-8")
        return try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [[String: Any]])
    }

    func targets(_ client: LiveClient, _ uri: String, token: String? = nil) async throws -> [String] {
        try await suggestions(client, uri, token: token).compactMap { $0["target"] as? String }
    }

    /// A TMX of the texts clients mangle most: slashes, pluses, spaces, non-Latin sources, a 6,000-character segment.
    static let awkwardTexts = Fixtures.tmx([
        [("en", "Input/output error"), ("ru", "Ошибка ввода/вывода")],
        [("en", "C++ and C#"), ("ru", "C++ и C#")],
        [("en", "50% off"), ("ru", "Скидка 50%")],
        [("en", longEnglish), ("ru", "Длинный абзац")],
    ])

    static let longEnglish: String = {
        let sentence = "Putin and Xi signed a joint statement on the partnership in Beijing. "
        return String(String(repeating: sentence, count: 6_000 / sentence.count + 1).prefix(6_000))
    }()

    @Test("A unit lookup answers a JSON array, best first, with quality and rank written as floats")
    func unitLookupAnswersFloats() async throws {
        try await withServer { client, _ in
            let response = try await client.execute(uri: "/tmserver/en/ru/unit/Putin%20arrives%20in%20Beijing", method: .get)
            #expect(response.status == .ok)
            let body = String(buffer: response.body)
            #expect(body.hasPrefix(#"[{"quality":100.0,"rank":100.0,"source":"Putin arrives in Beijing","target":"Путин прибыл в Пекин"}"#))
            #expect(body.contains(#"{"quality":75.0,"rank":75.0,"source":"Putin arrives in Harbin""#))
            let qualities = try await self.suggestions(client, "/tmserver/en/ru/unit/Putin%20arrives%20in%20Beijing").map { $0["quality"] as? Double }
            #expect(qualities == qualities.sorted { ($0 ?? 0) > ($1 ?? 0) })
            // amaGama's defaults: 70 and 5; both can be asked for.
            #expect(try await self.suggestions(client, "/tmserver/en/ru/unit/Putin%20arrives%20in%20Beijing?min_similarity=100").count == 1)
            #expect(try await self.suggestions(client, "/tmserver/en/ru/unit/Putin?max_candidates=1&min_similarity=0").count <= 1)
            // Nothing similar: an empty array, 200.
            let nothing = try await client.execute(uri: "/tmserver/en/ru/unit/Quantum%20chromodynamics%20lecture", method: .get)
            #expect(nothing.status == .ok && String(buffer: nothing.body) == "[]")
            try self.expectProblem(try await client.execute(uri: "/tmserver/en/ru/unit/Putin?min_similarity=101", method: .get), .badRequest)
        }
    }

    @Test("amaGama's prefix and the older ?source= form answer as the path form does")
    func olderFormsAnswerAlike() async throws {
        try await withServer { client, _ in
            // In a query string `+` is a space, as in any form.
            for uri in [
                "/tmserver/en/zh_hans/unit/Putin%20arrives%20in%20Beijing", "/api/v1/en/zh_hans/unit/Putin%20arrives%20in%20Beijing",
                "/tmserver/en/zh_hans/unit/?source=Putin+arrives+in+Beijing", "/api/v1/en/zh_hans/unit/?source=Putin%20arrives%20in%20Beijing",
            ] {
                let found = try await self.targets(client, uri)
                #expect(found == ["普京抵达北京", "普京抵达哈尔滨"], "\(uri)")
            }
        }
    }

    @Test("Language codes as Weblate and Okapi write them find the stored tags: zh_hans finds zh-CN, en_US finds en")
    func clientLanguageCodesFindStoredTags() async throws {
        try await withServer { client, _ in
            #expect(try await self.targets(client, "/tmserver/en/zh_hans/unit/Putin%20arrives%20in%20Beijing").first == "普京抵达北京")
            #expect(try await self.targets(client, "/tmserver/en/zh/unit/Putin%20arrives%20in%20Beijing").first == "普京抵达北京")
            #expect(try await self.targets(client, "/tmserver/en_US/zh_CN/unit/Putin%20arrives%20in%20Beijing").first == "普京抵达北京")
            #expect(try await self.targets(client, "/tmserver/en_us/ru/unit/Putin%20arrives%20in%20Beijing").first == "Путин прибыл в Пекин")
            // Traditional Chinese is another group: no suggestion from simplified segments.
            #expect(try await self.targets(client, "/tmserver/en/zh_hant/unit/Putin%20arrives%20in%20Beijing").isEmpty)
            try self.expectProblem(try await client.execute(uri: "/tmserver/english!/ru/unit/Putin", method: .get), .badRequest)
        }
    }

    @Test("languages/ lists every code Weblate may look the stored languages up with, lowercase with underscores")
    func languagesListWeblateCodes() async throws {
        try await withServer { client, _ in
            for uri in ["/tmserver/languages/", "/tmserver/languages", "/api/v1/languages/"] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .ok)
                let body = try self.json(response)
                let codes = try #require(body["sourceLanguages"] as? [String])
                #expect(body["targetLanguages"] as? [String] == codes)
                for code in ["en", "ru", "zh", "zh_cn", "zh_hans"] { #expect(codes.contains(code), "\(code) in \(codes)") }
                #expect(!codes.contains("zh_hant") && codes.allSatisfy { $0 == $0.lowercased() && !$0.contains("-") })
            }
        }
    }

    @Test("Texts with %2F, +, %20, a percent sign, Cyrillic or Chinese sources, and 6,000 characters arrive whole")
    func awkwardTextsArriveWhole() async throws {
        try await withServer { client, _ in
            #expect(try await self.send(client, .post, "/v1/tm/import", body: Self.awkwardTexts).status == .created)
            #expect(Self.quote("Input/output error") == "Input%2Foutput%20error")
            #expect(try await self.targets(client, "/tmserver/en/ru/unit/" + Self.quote("Input/output error")).first == "Ошибка ввода/вывода")
            // A bare slash, as amaGama's `<path:uid>` takes it, is part of the text too.
            #expect(try await self.targets(client, "/tmserver/en/ru/unit/Input/output%20error").first == "Ошибка ввода/вывода")
            #expect(Self.quote("C++ and C#") == "C%2B%2B%20and%20C%23")
            #expect(try await self.targets(client, "/tmserver/en/ru/unit/" + Self.quote("C++ and C#")).first == "C++ и C#")
            // In a path a bare `+` is a plus, not a space.
            #expect(try await self.targets(client, "/tmserver/en/ru/unit/C++%20and%20C%23").first == "C++ и C#")
            #expect(try await self.targets(client, "/tmserver/en/ru/unit/" + Self.quote("50% off")).first == "Скидка 50%")
            #expect(try await self.targets(client, "/tmserver/ru/en/unit/" + Self.quote("Путин прибыл в Пекин")).first == "Putin arrives in Beijing")
            #expect(try await self.targets(client, "/tmserver/zh_hans/ru/unit/" + Self.quote("普京抵达北京")).first == "Путин прибыл в Пекин")
            let long = try await self.suggestions(client, "/tmserver/en/ru/unit/" + Self.quote(Self.longEnglish))
            #expect(long.first?["target"] as? String == "Длинный абзац" && long.first?["quality"] as? Double == 100)
            try self.expectProblem(
                try await client.execute(uri: "/tmserver/en/ru/unit/" + Self.quote(Self.longEnglish + "!"), method: .get), .badRequest)
            try self.expectProblem(try await client.execute(uri: "/tmserver/en/ru/unit/broken%E0%A4", method: .get), .badRequest)
        }
    }

    @Test("The texts . and .., and the paths an HTTP client leaves of them, get no suggestion and no error")
    func dotTextsAnswerEmpty() async throws {
        try await withServer { client, _ in
            // requests turns `unit/.` into `unit/`, httpx into `unit`; `unit/..` into `ru/` and `ru`.
            for uri in [
                "/tmserver/en/ru/unit/.", "/tmserver/en/ru/unit/..", "/tmserver/en/ru/unit/", "/tmserver/en/ru/unit", "/tmserver/en/ru/",
                "/tmserver/en/ru", "/api/v1/en/ru/unit/%2E%2E",
            ] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .ok && String(buffer: response.body) == "[]", "\(uri): \(response.status)")
            }
        }
    }

    @Test("A method the tmserver paths do not take is a 405 with Allow")
    func otherMethodsAre405() async throws {
        try await withServer { client, _ in
            let delete = try await self.request(client, .delete, "/tmserver/en/ru/unit/Putin", token: Self.token)
            try self.expectProblem(delete, .methodNotAllowed)
            #expect(delete.headers[.allow]?.contains("GET") == true)
            let putStore = try await self.request(client, .put, "/tmserver/en/ru/store/x.po", token: Self.token, body: "[]")
            try self.expectProblem(putStore, .methodNotAllowed)
            #expect(putStore.headers[.allow] == "POST")
            try self.expectProblem(try await self.request(client, .post, "/tmserver/languages/", token: Self.token, body: "{}"), .methodNotAllowed)
        }
    }

    @Test("The text of a tmserver request is never logged, as a query string is not")
    func tmserverTextsAreNotLogged() async throws {
        let log = LogLines()
        let logger = Logger(label: "test") { _ in CapturingLogHandler(lines: log) }
        try await withServer(logger: logger) { client, _ in
            let response = try await client.execute(uri: "/tmserver/en/ru/unit/Confidential%20merger%20terms", method: .get)
            #expect(response.status == .ok)
        }
        let line = try #require(log.all.first { $0.hasPrefix("request ") && $0.contains("/tmserver/") })
        #expect(line.contains("http.path=/tmserver/en/ru/unit/…"))
        #expect(log.all.allSatisfy { !$0.contains("Confidential") })
    }

    @Test("Weblate's tokens for tags match the stored text at full quality")
    func tokensMatchAtFullQuality() async throws {
        try await withServer { client, _ in
            let found = try await self.suggestions(client, "/tmserver/en/ru/unit/" + Self.quote("Putin arrives in [X17X]Beijing[X30X]"))
            #expect(found.first?["quality"] as? Double == 100 && found.first?["target"] as? String == "Путин прибыл в Пекин")
        }
    }

    @Test("Write-back stores units as amaGama takes them, with the token, into the memory named, and refuses bad bodies")
    func writeBackNeedsTheTokenAndGoodBodies() async throws {
        try await withServer { client, _ in
            let unit = #"{"source":"The summit ended in Harbin.","target":"Саммит завершился в Харбине."}"#
            let uri = "/tmserver/en/ru/unit/" + Self.quote("The summit ended in Harbin.")
            try self.expectProblem(try await self.request(client, .put, uri, token: nil, body: unit), .unauthorized)
            #expect(try await self.targets(client, uri).isEmpty)

            let stored = try await self.request(client, .put, uri, token: Self.token, body: unit)
            #expect(stored.status == .ok)
            #expect(try self.json(stored)["imported"] as? Int == 1)
            #expect(try await self.targets(client, uri).first == "Саммит завершился в Харбине.")
            // POST (amaGama's update) adds too; the same unit again is a duplicate.
            #expect(try self.json(try await self.request(client, .post, uri, token: Self.token, body: unit))["duplicates"] as? Int == 1)

            let list =
                #"[{"source":"Talks resumed.","target":"Переговоры возобновились."},{"source":"Talks ended.","target":"Переговоры завершились."}]"#
            #expect(try await self.send(client, .post, "/v1/memories", body: #"{"name":"weblate"}"#).status == .created)
            let store = try await self.request(client, .post, "/api/v1/en/ru/store/project%2Fru.po?memory=weblate", token: Self.token, body: list)
            #expect(store.status == .ok)
            #expect(try self.json(store)["imported"] as? Int == 2 && (try self.json(store)["memory"] as? String) == "weblate")
            #expect(try await self.targets(client, "/tmserver/en/ru/unit/Talks%20resumed.", token: Self.token).first == "Переговоры возобновились.")
            // The memory is private: an anonymous lookup does not see it.
            #expect(try await self.targets(client, "/tmserver/en/ru/unit/Talks%20resumed.").isEmpty)
            // Nor its languages: German is listed for the admin only.
            let german = #"[{"source":"Talks resumed.","target":"Die Gespräche wurden wieder aufgenommen."}]"#
            #expect(
                try await self.request(client, .post, "/tmserver/en/de/store/de.po?memory=weblate", token: Self.token, body: german).status == .ok)
            let anonymousCodes =
                try self.json(try await self.request(client, .get, "/tmserver/languages/", token: nil))["sourceLanguages"] as? [String]
            let adminCodes =
                try self.json(try await self.request(client, .get, "/tmserver/languages/", token: Self.token))["sourceLanguages"] as? [String]
            #expect(anonymousCodes?.contains("de") == false && adminCodes?.contains("de") == true)

            for bad in [
                #"{"source":"Talks failed."}"#, #"[{"source":"Talks failed.","target":""}]"#, "not json", #"{"source":"","target":"Провал."}"#,
            ] {
                let unitAnswer = try await self.request(client, .put, "/tmserver/en/ru/unit/Talks%20failed.", token: Self.token, body: bad)
                try self.expectProblem(unitAnswer, .badRequest)
            }
            for bad in [
                #"{"source":"Talks failed.","target":"Провал."}"#, #"[{"source":"Talks failed.","target":"  "}]"#, #"[{"target":"Провал."}]"#,
            ] {
                try self.expectProblem(try await self.request(client, .post, "/tmserver/en/ru/store/x.po", token: Self.token, body: bad), .badRequest)
            }
            try self.expectProblem(
                try await self.request(client, .put, "/tmserver/en/en/unit/Talks", token: Self.token, body: #"{"source":"Talks","target":"Talks"}"#),
                .badRequest)
            #expect(try await self.targets(client, "/tmserver/en/ru/unit/Talks%20failed.?min_similarity=90", token: Self.token).isEmpty)
            try self.expectProblem(try await self.request(client, .put, uri + "?memory=nowhere", token: Self.token, body: unit), .notFound)
        }
    }

    @Test("Lookups are never answered 503: past their deadline they answer no suggestion, and the heavy-request limit leaves them alone")
    func lookupsDegradeWithoutA503() async throws {
        try await withServer(configure: {
            $0.requestTimeout = .zero
            $0.maxHeavyRequests = 0
        }) { client, _ in
            #expect(try await self.send(client, .post, "/v1/tm/import", body: Self.awkwardTexts).status == .serviceUnavailable)
            let uri = "/tmserver/en/ru/unit/" + Self.quote(Self.longEnglish)
            let response = try await client.execute(uri: uri, method: .get)
            #expect(response.status == .ok && String(buffer: response.body) == "[]")
            let languages = try await client.execute(uri: "/tmserver/languages/", method: .get)
            #expect(languages.status == .ok)
            #expect(try await client.execute(uri: "/v1/tm/lookup?source=en&target=ru&q=Putin", method: .get).status == .serviceUnavailable)
        }
    }
}
