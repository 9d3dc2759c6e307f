import Foundation
import Hummingbird

/// The context of every request: answers are encoded once, here, as JSON with sorted keys and
/// unescaped slashes (stable for clients that compare answers, readable in a terminal). It carries
/// the request's `Caller`, which `CallerMiddleware` sets before any route runs.
public struct GlossaRequestContext: CallerRequestContext {
    public var coreContext: CoreRequestContextStorage
    public var caller = Caller(.anonymous, serverHasAdmin: false)

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    public var responseEncoder: JSONEncoder { .glossa }
}

extension JSONEncoder {
    static var glossa: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
