import Foundation
import Hummingbird
import NIOCore

/// The context of every request: answers are encoded once, here, as JSON with sorted keys and
/// unescaped slashes (stable for clients that compare answers, readable in a terminal). It carries
/// the request's `Caller`, which `CallerMiddleware` sets before any route runs, and its
/// connection's event loop, where `RequestTimeoutMiddleware` sets its deadline.
public struct GlossaRequestContext: CallerRequestContext, EventLoopRequestContext {
    public var coreContext: CoreRequestContextStorage
    public var caller = Caller(.anonymous, serverHasAdmin: false)
    public let eventLoop: any EventLoop

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        eventLoop = source.channel.eventLoop
    }

    public var responseEncoder: JSONEncoder { .glossa }
}

extension JSONEncoder {
    /// One encoder for every answer: its settings never change, and encoding does not mutate it.
    static let glossa: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}
