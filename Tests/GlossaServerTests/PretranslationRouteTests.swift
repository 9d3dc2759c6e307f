import Foundation
import GlossaStore
import GlossaTestSupport
import HTTPTypes
import Hummingbird
import Testing

/// `POST /v1/pretranslate` on a live server, with Okapi's XLIFF 2 test file as the body.
extension ServerTests {
    static let okapiXLIFF2 = Fixtures.corpusFile("xliff/okapi-framework_okapi/xliff2-test01.xlf")

    func pretranslation(
        _ client: LiveClient, query: String = "", body: Data, accept: String? = nil
    ) async throws -> LiveClient.Response {
        var headers: HTTPFields = [.authorization: "Bearer \(Self.token)"]
        if let accept { headers[.accept] = accept }
        return try await client.execute(uri: "/v1/pretranslate" + query, method: .post, headers: headers, body: ByteBuffer(bytes: body))
    }

    @Test("A pre-translated XLIFF 2 file comes back in the answer, its report in the Glossa-Pretranslation headers or alone as JSON")
    func pretranslateOverHTTP() async throws {
        try await withServer { client, memory in
            let tmx = Fixtures.tmx([[("en", "Bolded text"), ("fr", "Texte en gras")], [("en", "Extra stuff!"), ("fr", "Autre chose !")]])
            _ = try await memory.importer.importFile(at: try Fixtures.write(tmx))
            let file = try Data(contentsOf: URL(fileURLWithPath: Self.okapiXLIFF2))

            let response = try await self.pretranslation(client, body: file)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/xliff+xml; charset=utf-8")
            let body = String(buffer: response.body)
            #expect(body.contains("<source>Bolded text</source>\n     <target>Texte en gras</target>"))
            #expect(body.contains(#"type="tm"><source>Extra stuff!</source><target>Autre chose !</target></mtc:match>"#))
            func header(_ name: String) -> String? { HTTPField.Name("Glossa-Pretranslation-" + name).flatMap { response.headers[$0] } }
            #expect(header("Version") == "2")
            #expect(header("Segments") == "5")
            #expect(header("Filled-Exact") == "1")
            #expect(header("Candidates-Only") == "1")
            #expect(header("Untouched") == "3")

            let analysis = try self.json(try await self.pretranslation(client, query: "?min=100", body: file, accept: "application/json"))
            #expect(analysis["filledExact"] as? Int == 1)
            #expect(analysis["candidatesOnly"] as? Int == 0, "the 9x match is below min=100")
            #expect(analysis["segments"] as? Int == 5)
        }
    }

    @Test("A page on the configured origin may read the pre-translation report headers")
    func pretranslationHeadersAreExposedToTheConfiguredOrigin() async throws {
        try await withServer(configure: { $0.corsOrigin = "https://editor.example" }) { client, _ in
            let file = try Data(contentsOf: URL(fileURLWithPath: Self.okapiXLIFF2))
            let response = try await client.execute(
                uri: "/v1/pretranslate", method: .post, headers: [.origin: "https://editor.example"], body: ByteBuffer(bytes: file))
            #expect(response.status == .ok)
            let exposed = response.headers[.accessControlExposeHeaders] ?? ""
            #expect(exposed.contains("Glossa-Pretranslation-Filled-Exact"))
            #expect(exposed.contains("Glossa-Pretranslation-Untouched"))
        }
    }

    @Test("A body that is not XLIFF, an empty body and a score out of range are refused with problem+json")
    func pretranslateRefusesBadInput() async throws {
        try await withServer { client, _ in
            let tmx = try Data(contentsOf: URL(fileURLWithPath: Fixtures.sampleTMX))
            let notXLIFF = try self.expectProblem(try await self.pretranslation(client, body: tmx), .unprocessableContent)
            #expect(notXLIFF.contains("the root element is <tmx>, expected <xliff>"))
            try self.expectProblem(try await self.pretranslation(client, body: Data()), .unprocessableContent)
            let file = try Data(contentsOf: URL(fileURLWithPath: Self.okapiXLIFF2))
            try self.expectProblem(try await self.pretranslation(client, query: "?fill=101", body: file), .badRequest)
            let cut = file.prefix(file.count / 2)
            let broken = try self.expectProblem(try await self.pretranslation(client, body: Data(cut)), .unprocessableContent)
            #expect(broken.contains("not well-formed"))
        }
    }
}
