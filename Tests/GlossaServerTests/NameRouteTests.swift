import Foundation
import GlossaStore
import GlossaTestSupport
import Hummingbird
import Testing

extension ServerTests {
    static func query(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }

    @Test func namesAnswersInflectedFormsAndTransliterationsOverHTTP() async throws {
        try await withServer { client, _ in
            try await client.execute(uri: "/v1/names?q=\(Self.query("Путина"))&to=en", method: .get) { response in
                let body = try self.json(response)
                let first = try #require((body["results"] as? [[String: Any]])?.first)
                #expect(first["match"] as? String == "inflected")
                #expect(first["matchedForm"] as? String == "Путина")
                #expect(body["transliterations"] == nil)
            }
            try await client.execute(uri: "/v1/names?q=Wuhan&to=en,ru,zh-CN", method: .get) { response in
                let body = try self.json(response)
                #expect((body["results"] as? [Any])?.isEmpty == true)
                let transliterations = try #require(body["transliterations"] as? [String: Any])
                let forms = try #require(transliterations["forms"] as? [[String: Any]])
                let russian = try #require(forms.first { $0["language"] as? String == "ru" })
                #expect(russian["text"] as? String == "Ухань")
                #expect(russian["attested"] as? Bool == false)
                #expect(russian["scheme"] as? String == "palladius")
                let gaps = try #require(transliterations["unavailable"] as? [[String: Any]])
                #expect(gaps.contains { $0["language"] as? String == "zh-CN" })
            }
        }
    }

    @Test func annotateReportsInflectedMentionsWithTheirSurfaceForm() async throws {
        try await withServer { client, _ in
            let body = #"{"text":"Переговоры с Путиным прошли в Пекине.","language":"ru","to":["en"]}"#
            try await client.execute(uri: "/v1/glossary/annotate", method: .post, body: ByteBuffer(string: body)) { response in
                let occurrences = try #require(try self.json(response)["occurrences"] as? [[String: Any]])
                let putin = try #require(occurrences.first { $0["text"] as? String == "Путиным" })
                #expect(putin["match"] as? String == "inflected")
                #expect((putin["term"] as? [String: Any])?["text"] as? String == "Путин")
                #expect(putin["offset"] as? Int == 13)
            }
        }
    }

    /// Odd names get 200 with what can honestly be said, never a 500 or a hang; an empty one, 400.
    @Test(arguments: [
        "Putin Путин", String(repeating: "a", count: 6_000), String(repeating: "ж", count: 6_000), "Pu\u{200D}tin", "Pu\u{0301}tin",
        "مرحبا", "ერეკლე", "🙂🐻", "\u{202E}niTuP", "שלום עליכם", "普京Putin", "ﾌﾟｰﾁﾝ",
    ])
    func oddNamesGetAnHonestAnswer(name: String) async throws {
        try await withServer { client, _ in
            let started = ContinuousClock.now
            try await client.execute(uri: "/v1/names?q=\(Self.query(name))&to=en,ru,zh-CN", method: .get) { response in
                #expect(response.status == .ok, "\(name.prefix(20))")
                let body = try self.json(response)
                #expect(body["results"] is [Any])
            }
            #expect(ContinuousClock.now - started < .seconds(10))
        }
    }

    @Test func anEmptyOrBlankNameIsABadRequest() async throws {
        try await withServer { client, _ in
            for query in ["", "%20%20", "%09"] {
                try await client.execute(uri: "/v1/names?q=\(query)", method: .get) { try self.expectProblem($0, .badRequest) }
            }
        }
    }
}
