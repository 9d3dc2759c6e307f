import Foundation
import GlossaFormats
import GlossaStore
import GlossaText
import HTTPTypes
import Hummingbird

/// `POST /v1/pretranslate`: an XLIFF file in the body, the file pre-translated from the memories
/// the caller may read in the answer, the report in `Glossa-Pretranslation-*` headers. With
/// `Accept: application/json` the answer is the report alone, as JSON: an analysis of what the
/// file would get, without downloading it.
struct PretranslationRoutes<Context: CallerRequestContext>: Sendable {
    let memory: TranslationMemory
    let configuration: ServerConfiguration

    static var headerPrefix: String { "Glossa-Pretranslation-" }

    /// Under `/v1`.
    func addRoutes(to group: RouterGroup<Context>) {
        group.post("pretranslate", use: pretranslate)
    }

    @Sendable func pretranslate(_ request: Request, context: Context) async throws -> Response {
        let parameters = QueryParameters(request)
        var options = PretranslationOptions()
        options.minimum = try parameters.get("min", within: QueryBounds.pretranslationMinimum)
        options.fill = try parameters.get("fill", within: QueryBounds.pretranslationFill)
        options.candidates = try parameters.get("candidates", within: QueryBounds.pretranslationCandidates)
        options.overwrite = try parameters.get("overwrite", as: Bool.self)
        options.source = try parameters.get("source", as: LanguageTag.self)
        options.target = try parameters.get("target", as: LanguageTag.self)
        let memory = memory
        options.scope = try await ScopeParameters(parameters).scope(of: memory, readable: readableMemories(context.caller))
        let wantsJSON = request.headers[.accept]?.contains("application/json") ?? false
        let upload = try await TemporaryFile.receiving(request, limit: configuration.maxImportBytes, what: "XLIFF")
        defer { upload.remove() }
        let pretranslator = Pretranslator(memory: memory)
        let (chosen, path) = (options, upload.path)
        do {
            if wantsJSON {
                let report = try await pretranslator.pretranslate(path: path, options: chosen) { _ in }
                var response = try context.responseEncoder.encode(report, from: request, context: context)
                Self.addHeaders(report, to: &response.headers)
                return response
            }
            var (response, report) = try await TemporaryFile.download(
                contentType: "application/xliff+xml; charset=utf-8", filename: "pretranslated.xlf"
            ) { output in
                try await pretranslator.pretranslate(path: path, options: chosen, output: output)
            }
            Self.addHeaders(report, to: &response.headers)
            return response
        } catch let error as FormatError {
            throw Problem.invalidFile(format: "XLIFF", "\(error)")
        } catch let error as XLIFFError {
            throw Problem.invalidFile(format: "XLIFF", "\(error)")
        }
    }

    /// The report's fields as response headers, in order.
    static func reportHeaders(_ report: PretranslationReport) -> [(name: String, value: String)] {
        [
            ("Version", report.version), ("Units", "\(report.units)"), ("Segments", "\(report.segments)"),
            ("Filled-Exact", "\(report.filledExact)"), ("Filled-Fuzzy", "\(report.filledFuzzy)"),
            ("Candidates-Only", "\(report.candidatesOnly)"), ("Untouched", "\(report.untouched)"),
            ("Codes-Mismatched", "\(report.codesMismatched)"),
        ].map { (headerPrefix + $0.0, $0.1) }
    }

    static func addHeaders(_ report: PretranslationReport, to headers: inout HTTPFields) {
        let fields = reportHeaders(report)
        for (name, value) in fields {
            if let field = HTTPField.Name(name) { headers[field] = value }
        }
        // A page on the `--cors-origin` may read them only when the answer itself exposes them
        // (Hummingbird's CORS middleware names exposed headers on preflights only); without CORS
        // the browser reads nothing of the answer anyway.
        headers[.accessControlExposeHeaders] = fields.map(\.name).joined(separator: ", ")
    }
}
