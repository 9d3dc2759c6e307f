import Foundation
import HTTPTypes
import Hummingbird

extension HTTPField.Name {
    static let referrerPolicy = Self("Referrer-Policy")!
}

/// The search page: `GET /` and its script, style and icon under `/static/`. Plain files from the
/// binary's resources, read once; the page uses only the public API.
struct PageRoutes<Context: RequestContext>: Sendable {
    struct Asset: Sendable {
        let contentType: String
        let body: ByteBuffer
    }

    static var contentTypes: [String: String] {
        [
            "index.html": "text/html; charset=utf-8", "app.js": "text/javascript; charset=utf-8", "style.css": "text/css; charset=utf-8",
            "favicon.svg": "image/svg+xml",
        ]
    }

    /// Nothing but this origin: no inline script or style, no framing, no third-party requests.
    static var headers: HTTPFields {
        [
            .contentSecurityPolicy: "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
                + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
            .xContentTypeOptions: "nosniff",
            .referrerPolicy: "no-referrer",
            // Small files that change with the binary: revalidated, never stale after an upgrade.
            .cacheControl: "no-cache",
        ]
    }

    /// The files found in the build, by name.
    let assets: [String: Asset]

    init() {
        assets = Self.contentTypes.reduce(into: [:]) { assets, entry in
            guard let url = Bundle.module.url(forResource: entry.key, withExtension: nil, subdirectory: "page"),
                let data = try? Data(contentsOf: url)
            else { return }
            assets[entry.key] = Asset(contentType: entry.value, body: ByteBuffer(bytes: data))
        }
    }

    func addRoutes(to group: RouterGroup<Context>) {
        group.get("/") { _, _ in try self.respond(with: "index.html") }
        group.get("static/:file") { _, context in
            let name = context.parameters.get("file") ?? ""
            guard name != "index.html", Self.contentTypes[name] != nil else { throw HTTPError(.notFound) }
            return try self.respond(with: name)
        }
    }

    private func respond(with name: String) throws -> Response {
        guard let asset = assets[name] else {
            throw Problem.internalError("the search page's \(name) is missing from this build")
        }
        var headers = Self.headers
        headers[.contentType] = asset.contentType
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: asset.body))
    }
}
