import Foundation
import GlossaFormats
import GlossaText
import Hummingbird

/// A file in the temporary directory that its owner removes.
struct TemporaryFile: Sendable {
    let path = NSTemporaryDirectory() + "glossa-\(UUID().uuidString)"

    func openForWriting() throws -> FileHandle {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw Problem.internalError("the server cannot write its temporary files")
        }
        return try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    /// A download written by `write` to a temporary file first, then streamed and removed: memory
    /// stays flat whatever the size.
    static func download(
        contentType: String, filename: String,
        write: (_ output: @escaping (String) throws -> Void) async throws -> Void
    ) async throws -> Response {
        try await download(contentType: contentType, filename: filename) { (output: @escaping ([UInt8]) throws -> Void) in
            try await write { chunk in try output(Array(chunk.utf8)) }
        }.response
    }

    /// The same for bytes, with what `write` returns (a report for the response's headers).
    static func download<Result>(
        contentType: String, filename: String,
        write: (_ output: @escaping ([UInt8]) throws -> Void) async throws -> Result
    ) async throws -> (response: Response, result: Result) {
        let file = TemporaryFile()
        let handle = try file.openForWriting()
        let result: Result
        do {
            defer { try? handle.close() }
            result = try await write { chunk in try handle.write(contentsOf: chunk) }
        } catch {
            file.remove()
            throw error
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? NSNumber)?.intValue ?? 0
        var headers: HTTPFields = [.contentType: contentType]
        headers[.contentLength] = "\(size)"
        headers[.contentDisposition] = "attachment; filename=\"\(filename)\""
        let response = Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                defer { file.remove() }
                let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: file.path))
                defer { try? handle.close() }
                while let chunk = try handle.read(upToCount: 1 << 16), !chunk.isEmpty {
                    try await writer.write(ByteBuffer(bytes: chunk))
                }
                try await writer.finish(nil)
            })
        return (response, result)
    }

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
                    throw Problem.tooLarge("the \(what) body is larger than the limit of \(limit) bytes")
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
            throw Problem.invalidFile(format: what, "the request body is empty: send a \(what) file as the body")
        }
        return file
    }
}

/// The import endpoints' common shape (the route checks the caller first): `dryRun` and `origin`
/// parameters, the body saved to a file, the report as JSON (201, or 200 for a dry run), a format
/// error as 422 with nothing stored.
struct ImportUpload: Sendable {
    let limit: Int
    /// `TBX`, `CSV`, for messages and problem types; nil for a memory file, whose format
    /// (`MemoryFileFormat`: TMX, XLIFF, PO) its content tells.
    let format: String?

    /// What a memory import's `languages=source,target` (or `languages=source`) names: the
    /// languages of a bilingual file (PO) that does not say them, or says others.
    static func languages(_ parameters: QueryParameters) throws -> [LanguageTag]? {
        guard let list = try parameters.get("languages") else { return nil }
        let tags = try list.split(separator: ",").map { try QueryParameters.language(String($0), field: "'languages'") }
        guard (1...2).contains(tags.count) else {
            throw Problem.badRequest("'languages' takes a source language and a target language: languages=en,de (or the source alone)")
        }
        return tags
    }

    func handle<Report: Encodable & Sendable>(
        _ request: Request, context: some RequestContext, run: (_ path: String, _ origin: String, _ dryRun: Bool) async throws -> Report
    ) async throws -> Response {
        let parameters = QueryParameters(request)
        let dryRun = try parameters.get("dryRun", as: Bool.self)
        let given = try parameters.get("origin")
        let file = try await TemporaryFile.receiving(request, limit: limit, what: format ?? MemoryFileFormat.tmx.description)
        defer { file.remove() }
        let label = format ?? MemoryFileFormat.of(file.path).description
        let origin = given ?? "http-import.\(label.lowercased())"
        let report: Report
        do {
            report = try await run(file.path, origin, dryRun)
        } catch let error as FormatError {
            throw Problem.invalidFile(format: label, "nothing was imported: \(error)")
        }
        var response = try context.responseEncoder.encode(report, from: request, context: context)
        response.status = dryRun ? .ok : .created
        return response
    }
}
