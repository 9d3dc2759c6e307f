import Foundation
import GlossaServer
import Hummingbird
import Testing

/// Limits that keep one client from taking the server down, and CORS (off unless configured).
extension ServerTests {
    static var batchBody: String {
        let segments = (0..<100).map { "\"Putin arrived in Beijing on day \($0) of the visit\"" }.joined(separator: ",")
        return #"{"source":"en","target":"ru","min":50,"segments":["# + segments + "]}"
    }

    @Test func heavyRequestsBeyondTheLimitGet503WithRetryAfter() async throws {
        try await withServer(configure: { $0.maxHeavyRequests = 0 }) { client, _ in
            let batch = try await client.execute(uri: "/v1/tm/lookup", method: .post, body: ByteBuffer(string: Self.batchBody))
            try self.expectProblem(batch, .serviceUnavailable)
            #expect(batch.headers[.retryAfter] == "1")
            try self.expectProblem(try await client.execute(uri: "/v1/tm/export", method: .get), .serviceUnavailable)
            // Light requests are not limited.
            #expect(try await client.execute(uri: "/v1/tm/lookup?q=Putin&source=en&target=ru", method: .get).status == .ok)
        }
    }

    @Test func anyQueryTextWithinItsLimitFitsInAURL() async throws {
        // 6,000 four-byte characters take 72,000 bytes percent-encoded: under NIO's 80 KiB.
        let longest = String(repeating: "𠀀", count: 6_000).addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        try await withServer { client, _ in
            for path in ["/v1/tm/lookup?source=en&target=ru&q=", "/v1/names?q=", "/v1/translit?scheme=pinyin&text="] {
                let response = try await client.execute(uri: path + longest, method: .get)
                #expect(response.status == .ok, "\(path)")
                let tooLong = try await client.execute(uri: path + longest + "a", method: .get)
                #expect(try self.expectProblem(tooLong, .badRequest).contains("6000"))
            }
        }
    }

    @Test func aReadThatOutlivesTheTimeoutGets503() async throws {
        try await withServer(configure: { $0.requestTimeout = .milliseconds(20) }) { client, _ in
            // 100 fuzzy lookups take far longer than 20 ms.
            let batch = try await client.execute(uri: "/v1/tm/lookup", method: .post, body: ByteBuffer(string: Self.batchBody))
            let detail = try self.expectProblem(batch, .serviceUnavailable)
            #expect(detail.contains("longer than"))
            #expect((try self.json(batch)["type"] as? String) == "/problems/timeout")
        }
        try await withServer { client, _ in
            let batch = try await client.execute(uri: "/v1/tm/lookup", method: .post, body: ByteBuffer(string: Self.batchBody))
            #expect(batch.status == .ok)
        }
    }

    static let servingAttempts = 5

    @Test func aClientThatFallsSilentMidRequestIsDisconnected() async throws {
        try await withServer(configure: { $0.idleTimeout = .seconds(1) }) { client, _ in
            let started = ContinuousClock.now
            // Half a request line, then nothing: the server must not wait for the rest forever.
            let answer = try await client.sendRaw(Array("GET /v1/names?q=Pu".utf8))
            let waited = ContinuousClock.now - started
            // Well under the default idle timeout (60 s): a loaded machine may take seconds to close it.
            #expect(waited >= .milliseconds(900) && waited < .seconds(30), "closed after \(waited)")
            #expect(answer.isEmpty, "answered a request it never got: \(String(decoding: answer, as: UTF8.self))")
            // And it goes on serving. A loaded machine may take longer than the 1 s idle limit to send
            // even a whole request on a new connection: a few tries.
            var served = false
            for _ in 0..<Self.servingAttempts where !served {
                served = (try? await client.execute(uri: "/health", method: .get).status == .ok) ?? false
            }
            #expect(served)
        }
    }

    @Test func aClientThatTricklesItsRequestHeadIsDisconnectedAtTheHeadDeadline() async throws {
        // The idle timeout is far longer than the head deadline, so only the deadline can cut the client off.
        try await withServer(configure: {
            $0.idleTimeout = .seconds(20)
            $0.requestHeadTimeout = .milliseconds(1_500)
        }) { client, _ in
            // A byte every 100 ms: the whole head would take over 20 s.
            let head = "GET /v1/names?q=Putin HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: " + String(repeating: "slow", count: 50)
            let (answer, closedAfter) = try await client.sendSlowly(head.utf8.map { [$0] }, every: .milliseconds(100))
            // Under the 20 s idle timeout, so the head deadline closed it, however loaded the machine.
            #expect(closedAfter >= .milliseconds(1_400) && closedAfter < .seconds(15), "closed after \(closedAfter)")
            #expect(answer.isEmpty, "answered a request it never got: \(String(decoding: answer, as: UTF8.self))")
        }
    }

    @Test func corsIsOffByDefaultAndAllowsTheConfiguredOrigin() async throws {
        let preflight: HTTPFields = [.origin: "https://editor.example", .accessControlRequestMethod: "POST"]
        try await withServer { client, _ in
            let response = try await client.execute(uri: "/v1/names?q=x", method: .get, headers: [.origin: "https://editor.example"])
            #expect(response.headers[.accessControlAllowOrigin] == nil)
        }
        try await withServer(configure: { $0.corsOrigin = "https://editor.example" }) { client, _ in
            let response = try await client.execute(uri: "/v1/tm/lookup", method: .options, headers: preflight)
            #expect(response.headers[.accessControlAllowOrigin] == "https://editor.example")
            #expect(response.headers[.accessControlAllowMethods]?.contains("POST") == true)
            let get = try await client.execute(uri: "/v1/names?q=x", method: .get, headers: [.origin: "https://editor.example"])
            #expect(get.headers[.accessControlAllowOrigin] == "https://editor.example")
        }
    }
}
