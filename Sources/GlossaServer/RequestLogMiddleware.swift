import HTTPTypes
import Hummingbird
import Logging

extension HTTPField.Name {
    static let requestID = Self("X-Request-Id")!
}

/// One structured log line per request, when its answer is ready: the request id, method, path,
/// route, status and milliseconds taken. The id is the client's `X-Request-Id` when it sends a
/// sensible one, else Hummingbird's, and comes back in the answer's `X-Request-Id`, so a client
/// can quote it and every log line of the request carries it (`hb.request.id`).
///
/// Neither headers nor the query string are logged: headers hold the token, and queries hold what
/// people search for (as tmserver paths do: their text is left out too).
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let id = request.headers[.requestID], Self.isAcceptable(id) {
            context.logger[metadataKey: "hb.request.id"] = .string(id)
        }
        let id = context.id
        let started = ContinuousClock.now
        do {
            var response = try await next(request, context)
            response.headers[.requestID] = id
            log(request, context: context, status: response.status, started: started)
            return response
        } catch {
            // The problem middleware inside this one answers every error; this is for what escapes it.
            log(request, context: context, status: (error as? any HTTPResponseError)?.status ?? .internalServerError, started: started)
            throw error
        }
    }

    private func log(_ request: Request, context: Context, status: HTTPResponse.Status, started: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - started
        let milliseconds = Double(elapsed.components.seconds) * 1_000 + Double(elapsed.components.attoseconds) / 1e15
        let tenths = (milliseconds * 10).rounded() / 10
        context.logger.info(
            "request",
            metadata: [
                "http.method": .string(request.method.rawValue),
                "http.path": .string(TMServerProtocol.loggedPath(request.uri.path)),
                "http.route": .string(context.endpointPath ?? "-"),
                "http.status": .stringConvertible(status.code),
                "duration_ms": .stringConvertible(tenths),
            ])
    }

    /// Letters, digits and `-_.:`, at most 128: an id that cannot forge log lines or grow them.
    static func isAcceptable(_ id: String) -> Bool {
        (1...128).contains(id.utf8.count)
            && id.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                    UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: ":"):
                    true
                default: false
                }
            }
    }
}
