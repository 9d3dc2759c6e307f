import Foundation
import GlossaServer
import GlossaStore
import GlossaTestSupport
import Hummingbird
import Testing

extension ServerTests {
    @Test("A PO upload without a file name is told by its content, imported, and named as PO in its origin and its errors")
    func poUpload() async throws {
        let po = try String(contentsOfFile: Fixtures.corpusFile("po/WeblateOrg_weblate/ru-djangojs.po"), encoding: .utf8)
        try await withServer { client, memory in
            let auth: HTTPFields = [.authorization: "Bearer \(Self.token)"]
            try await client.execute(uri: "/v1/tm/import", method: .post, headers: auth, body: ByteBuffer(string: po)) { response in
                #expect(response.status == .created)
                let report = try self.json(response)
                #expect(report["imported"] as? Int == 67)
                #expect(report["origin"] as? String == "http-import.po")
            }
            let broken = "msgid \"\"\nmsgstr \"Language: ru\\n\"\n\nmsgid \"one\"\nmsgstr \"раз\n"
            try await client.execute(uri: "/v1/tm/import", method: .post, headers: auth, body: ByteBuffer(string: broken)) { response in
                let detail = try self.expectProblem(response, .unprocessableContent)
                #expect(detail.contains("line 5"))
                #expect(String(buffer: response.body).contains("/problems/invalid-po"))
            }
            #expect(try await memory.store.statistics(memories: nil).units == 91 + 67)
        }
    }

    @Test("The glossary exports Weblate's CSV for a language pair, with the terms to use only")
    func glossaryCSV() async throws {
        try await withServer { client, _ in
            try await client.execute(uri: "/v1/glossary/export?format=csv&languages=en,ru", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
                #expect(
                    String(buffer: response.body)
                        == "source,target,translator_comments\r\nVladimir Putin,Владимир Путин,President of Russia\r\nPutin,Владимир Путин,President of Russia\r\n"
                )
            }
            try await client.execute(uri: "/v1/glossary/export?format=tbx-2008", method: .get) { response in
                #expect(String(buffer: response.body).contains("<termEntry id=\"great-hall\">"))
            }
        }
    }

    @Test("A memory exports alone as TMX at /v1/memories/{name}/export, with the lookup filters")
    func memoryExport() async throws {
        try await withServer { client, _ in
            try await client.execute(uri: "/v1/memories/default/export?source=en&target=ru", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentDisposition] == "attachment; filename=\"default-en_ru.tmx\"")
                #expect(String(buffer: response.body).components(separatedBy: "</tu>").count - 1 == 91)
            }
            try await client.execute(uri: "/v1/memories/default/export?changedAfter=2999-01-01", method: .get) { response in
                #expect(!String(buffer: response.body).contains("</tu>"))
            }
        }
    }
}
