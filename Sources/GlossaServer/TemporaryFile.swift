import Foundation
import Hummingbird

/// A file in the temporary directory that its owner removes.
struct TemporaryFile: Sendable {
    let path = NSTemporaryDirectory() + "glossa-\(UUID().uuidString)"

    func openForWriting() throws -> FileHandle {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw Problem(.internalServerError, "internal-error", "the server cannot write its temporary files")
        }
        return try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    /// Streams a request body to a new temporary file, refusing more than `limit` bytes (413) and
    /// an empty body (422): the importers read files, and a body may be large.
    static func receiving(_ request: Request, limit: Int, what: String) async throws -> TemporaryFile {
        let file = TemporaryFile()
        let handle = try file.openForWriting()
        var received = 0
        do {
            for try await buffer in request.body {
                received += buffer.readableBytes
                guard received <= limit else {
                    throw Problem(.contentTooLarge, "too-large", "the \(what) body is larger than the limit of \(limit) bytes")
                }
                try handle.write(contentsOf: Data(buffer: buffer))
            }
            try handle.close()
        } catch {
            try? handle.close()
            file.remove()
            throw error
        }
        guard received > 0 else {
            file.remove()
            throw Problem(.unprocessableContent, "invalid-\(what.lowercased())", "the request body is empty: send a \(what) file as the body")
        }
        return file
    }
}

