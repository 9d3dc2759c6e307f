import Hummingbird
import Synchronization

/// A known path asked with a method it does not serve is answered 405 with `Allow`, not 404:
/// the client has the right resource and the wrong verb (any verb: TRACE, QUERY, ...).
final class KnownRoutes: Sendable {
    private struct Route {
        /// Path components; nil matches any one component (a `:id` capture).
        let pattern: [Substring?]
        /// Whether the path ends in `**`, which matches one or more components.
        let catchAll: Bool
        var methods: Set<String>
        /// For a catch-all route whose handlers tell paths apart: the methods a path takes, nil for
        /// a path they do not serve.
        var refine: (@Sendable (String) -> Set<String>?)?

        func matches(_ components: [Substring]) -> Bool {
            guard catchAll ? components.count > pattern.count : components.count == pattern.count else { return false }
            return zip(pattern, components).allSatisfy { pattern, component in pattern.map { $0 == component } ?? true }
        }
    }

    private let routes = Mutex<[Route]>([])

    /// Reads the router's routes; call after every route is registered. `catchAlls` tells, for a
    /// route path ending in `**` (`/tmserver/**`), the methods each path below it takes.
    func learn<Context: RequestContext>(from router: Router<Context>, catchAlls: [String: @Sendable (String) -> Set<String>?] = [:]) {
        var learned: [String: Route] = [:]
        for route in router.routes {
            let path = route.path.description
            var components = path.split(separator: "/")
            let catchAll = components.last == "**"
            if catchAll { components.removeLast() }
            let pattern = components.map { component -> Substring? in
                component.hasPrefix(":") || component.hasPrefix("{") || component.hasPrefix("*") ? nil : component
            }
            learned[path, default: Route(pattern: pattern, catchAll: catchAll, methods: [])].methods.insert(route.method.rawValue)
            // HEAD is generated for every GET route when the responder is built.
            if route.method == .get { learned[path]?.methods.insert("HEAD") }
        }
        for (path, refine) in catchAlls { learned[path]?.refine = refine }
        routes.withLock { $0 = Array(learned.values) }
    }

    /// The methods served at `path`, or nil when no route has that path.
    func methods(at path: String) -> Set<String>? {
        let components = path.split(separator: "/")
        let matching = routes.withLock { routes in routes.filter { $0.matches(components) } }
            .compactMap { route in route.refine.map { $0(path) } ?? route.methods }
        return matching.isEmpty ? nil : matching.reduce(into: Set<String>()) { $0.formUnion($1) }
    }

    func problem(for request: Request) -> Problem? {
        guard let methods = methods(at: request.uri.path), !methods.contains(request.method.rawValue) else { return nil }
        let allow = methods.sorted().joined(separator: ", ")
        return Problem.methodNotAllowed("\(request.uri.path) answers \(allow), not \(request.method)", allow: allow)
    }
}
