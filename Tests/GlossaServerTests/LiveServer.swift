import GlossaServer
import GlossaStore
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle

/// Runs the server as `glossa serve` does (`GlossaApplication.make`) on a free loopback port for
/// the duration of `test`, then shuts it down gracefully.
///
/// This replaces HummingbirdTesting's `.live` mode: that one brings AsyncHTTPClient and its TLS
/// stack (BoringSSL, HTTP/2) into the test build, a few minutes of compiling on every CI run for a
/// client that only ever speaks plain HTTP/1.1 to 127.0.0.1.
func withLiveServer<Return: Sendable>(
    memory: TranslationMemory, glossary: Glossary, tokens: AccessTokens, configuration: ServerConfiguration, metrics: GlossaMetrics,
    logger: Logger? = nil, _ test: @escaping @Sendable (LiveClient) async throws -> Return
) async throws -> Return {
    let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
    let logger = logger ?? Logger(label: "glossa-test-server")
    var configuration = configuration
    configuration.host = "127.0.0.1"
    configuration.port = 0
    let app = GlossaApplication.make(
        memory: memory, glossary: glossary, tokens: tokens, configuration: configuration, metrics: metrics,
        logger: logger
    ) { channel in
        portContinuation.yield(channel.localAddress?.port ?? 0)
        portContinuation.finish()
    }
    let services = ServiceGroup(configuration: .init(services: [app], logger: logger))
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask {
            defer { portContinuation.finish() }  // a server that fails to start must not leave the test waiting
            try await services.run()
        }
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

    /// Writes `bytes` as they are on a new connection, then returns what the server sends until
    /// it closes the connection (at most `patience`).
    func sendRaw(_ bytes: [UInt8], patience: Duration = .seconds(10)) async throws -> [UInt8] {
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer> = try await connect { _ in }
        return try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(ByteBuffer(bytes: bytes))
            return try await withThrowingTaskGroup(of: [UInt8]?.self) { group in
                group.addTask {
                    var received: [UInt8] = []
                    for try await chunk in inbound { received += chunk.readableBytesView }
                    return received
                }
                group.addTask {
                    try await Task.sleep(for: patience)
                    return nil
                }
                defer { group.cancelAll() }
                guard let received = try await group.next() ?? nil else {
                    throw Failure(message: "the server kept the connection open for \(patience)")
                }
                return received
            }
        }
    }

    /// Writes `chunks` on a new connection, one every `interval`, while it collects what the server
    /// sends; returns that and how long the server took to close the connection (at most `patience`).
    /// Writes after the server has closed are dropped.
    func sendSlowly(
        _ chunks: [[UInt8]], every interval: Duration, patience: Duration = .seconds(30)
    ) async throws -> (
        received: [UInt8], closedAfter: Duration
    ) {
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer> = try await connect { _ in }
        let started = ContinuousClock.now
        return try await channel.executeThenClose { inbound, outbound in
            try await withThrowingTaskGroup(of: [UInt8]?.self) { group in
                group.addTask {
                    var received: [UInt8] = []
                    for try await chunk in inbound { received += chunk.readableBytesView }
                    return received
                }
                group.addTask {
                    for chunk in chunks {
                        guard (try? await outbound.write(ByteBuffer(bytes: chunk))) != nil else { break }
                        try await Task.sleep(for: interval)
                    }
                    try await Task.sleep(for: patience)
                    return nil
                }
                defer { group.cancelAll() }
                guard let received = try await group.next() ?? nil else {
                    throw Failure(message: "the server kept the connection open for \(patience) after the last write")
                }
                return (received, ContinuousClock.now - started)
            }
        }
    }

    /// A new connection to the server, with `configure`'s handlers in its pipeline.
    private func connect<Inbound: Sendable, Outbound: Sendable>(
        configure: @escaping @Sendable (ChannelPipeline.SynchronousOperations) throws -> Void
    ) async throws -> NIOAsyncChannel<Inbound, Outbound> {
        try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try configure(channel.pipeline.syncOperations)
                    return try NIOAsyncChannel(wrappingChannelSynchronously: channel)
                }
            }
    }

    private func send(uri: String, method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?) async throws -> Response {
        let channel: NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart> = try await connect {
            try $0.addHTTPClientHandlers()
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
