import Foundation
import Hummingbird

/// JSON request bodies: read up to a limit, decoded with an error that says what to send instead.
enum JSONBody {
    static func decode<T: Decodable>(_ type: T.Type = T.self, from request: Request, limit: Int, example: String) async throws -> T {
        let data = try await request.body.collect(upTo: limit)
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            throw Problem.badRequest("the body must be JSON like \(example): \(describe(error))")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context): "missing field '\(path(context.codingPath + [key]))'"
        case .typeMismatch(let type, let context): "field '\(path(context.codingPath))' must be \(type)"
        case .valueNotFound(_, let context): "field '\(path(context.codingPath))' must not be null"
        case .dataCorrupted: "the body is not valid JSON"
        @unknown default: "the body does not match the schema"
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.reduce(into: "") { path, key in
            if let index = key.intValue { path += "[\(index)]" } else { path += (path.isEmpty ? "" : ".") + key.stringValue }
        }
    }
}
