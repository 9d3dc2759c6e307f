import HTTPTypes
import Logging
import Hummingbird
import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle

/// Runs `app` on a live loopback port for the duration of `test`, then shuts it down gracefully.
///
/// This replaces HummingbirdTesting's `.live` mode: that one brings AsyncHTTPClient and its TLS
/// stack (BoringSSL, HTTP/2) into the test build, a few minutes of compiling on every CI run for a
/// client that only ever speaks plain HTTP/1.1 to 127.0.0.1. The server side is the real one.
func withLiveServer<Return: Sendable>(
    router: Router<BasicRequestContext>, logger: Logger? = nil,
    _ test: @escaping @Sendable (LiveClient) async throws -> Return
) async throws -> Return {
    let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
    let logger = logger ?? Logger(label: "glossa-test-server")
    let app = Application(
        router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
        onServerRunning: { channel in
            portContinuation.yield(channel.localAddress?.port ?? 0)
            portContinuation.finish()
        },
        logger: logger
    )
    let services = ServiceGroup(configuration: .init(services: [app], logger: logger))
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await services.run() }
        var result: Result<Return, any Error>
        if let port = await ports.first(where: { _ in true }), port > 0 {
            do { result = .success(try await test(LiveClient(port: port))) } catch { result = .failure(error) }
        } else {
            result = .failure(LiveClient.Failure(message: "the server did not report its port"))
        }
        await services.triggerGracefulShutdown()
        try await group.waitForAll()
        return try result.get()
    }
}

/// A plain HTTP/1.1 client, one connection per request (`Connection: close`).
struct LiveClient: Sendable {
    let port: Int

    struct Response: Sendable {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let body: ByteBuffer
    }

    struct Failure: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    /// Sends one request and hands its response to `check` (or returns it).
    @discardableResult
    func execute<Return>(
        uri: String, method: HTTPRequest.Method, headers: HTTPFields = [:], body: ByteBuffer? = nil,
        check: (Response) async throws -> Return = { $0 }
    ) async throws -> Return {
        try await check(try await send(uri: uri, method: method, headers: headers, body: body))
    }

    private func send(uri: String, method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?) async throws -> Response {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            var head = HTTPRequestHead(version: .http1_1, method: HTTPMethod(rawValue: method.rawValue), uri: uri)
            head.headers.add(name: "Host", value: "127.0.0.1:\(port)")
            for field in headers { head.headers.add(name: field.name.rawName, value: field.value) }
            if let body { head.headers.replaceOrAdd(name: "Content-Length", value: String(body.readableBytes)) }
            head.headers.replaceOrAdd(name: "Connection", value: "close")
            // A server may answer (413, 401) and close before it has read the whole body: a failed
            // write is not the outcome, the response is.
            do {
                try await outbound.write(.head(head))
                if let body { try await outbound.write(.body(.byteBuffer(body))) }
                try await outbound.write(.end(nil))
            } catch {}
            var status: HTTPResponse.Status?
            var fields = HTTPFields()
            var collected = ByteBuffer()
            for try await part in inbound {
                switch part {
                case .head(let head):
                    status = HTTPResponse.Status(code: Int(head.status.code), reasonPhrase: head.status.reasonPhrase)
                    for header in head.headers {
                        if let name = HTTPField.Name(header.name) { fields.append(HTTPField(name: name, value: header.value)) }
                    }
                case .body(var chunk):
                    collected.writeBuffer(&chunk)
                case .end:
                    guard let status else { throw Failure(message: "a response without a head") }
                    return Response(status: status, headers: fields, body: collected)
                }
            }
            throw Failure(message: "the connection closed before the response ended (\(method) \(uri))")
        }
    }
}
