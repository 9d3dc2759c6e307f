import Hummingbird
import Synchronization

/// A known path asked with a method it does not serve is answered 405 with `Allow`, not 404:
/// the client has the right resource and the wrong verb (any verb: TRACE, QUERY, ...).
final class KnownRoutes: Sendable {
    private struct Route {
        /// Path components; nil matches any one component (a `:id` capture).
        let pattern: [Substring?]
        var methods: Set<String>
    }

    private let routes = Mutex<[Route]>([])

    /// Reads the router's routes; call after every route is registered.
    func learn<Context: RequestContext>(from router: Router<Context>) {
        var learned: [String: Route] = [:]
        for route in router.routes {
            let path = route.path.description
            let pattern = path.split(separator: "/").map { component -> Substring? in
                component.hasPrefix(":") || component.hasPrefix("{") || component.hasPrefix("*") ? nil : component
            }
            learned[path, default: Route(pattern: pattern, methods: [])].methods.insert(route.method.rawValue)
            // HEAD is generated for every GET route when the responder is built.
            if route.method == .get { learned[path]?.methods.insert("HEAD") }
        }
        routes.withLock { $0 = Array(learned.values) }
    }

    /// The methods served at `path`, or nil when no route has that path.
    func methods(at path: String) -> Set<String>? {
        let components = path.split(separator: "/")
        let matching = routes.withLock { routes in
            routes.filter { route in
                route.pattern.count == components.count
                    && zip(route.pattern, components).allSatisfy { pattern, component in pattern.map { $0 == component } ?? true }
            }
        }
        return matching.isEmpty ? nil : matching.reduce(into: Set<String>()) { $0.formUnion($1.methods) }
    }

    func problem(for request: Request) -> Problem? {
        guard let methods = methods(at: request.uri.path), !methods.contains(request.method.rawValue) else { return nil }
        let allow = methods.sorted().joined(separator: ", ")
        return Problem.methodNotAllowed("\(request.uri.path) answers \(allow), not \(request.method)", allow: allow)
    }
}
