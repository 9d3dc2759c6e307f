import Foundation

/// Writes a bilingual glossary table, a row per pair of terms, through `output` (buffered):
///
/// - `.tsv`: OmegaT's glossary format. A first `#` line names the encoding (OmegaT reads its
///   `-*- coding -*-` comment), then `source<TAB>target<TAB>comment`. OmegaT splits on every tab
///   and reads a line at a time, so tabs and line breaks inside a field become spaces.
/// - `.csv`: Weblate's glossary CSV (translate-toolkit's `csvl10n`): a header row
///   `source,target,translator_comments`, fields quoted as RFC 4180 when they need it, CRLF rows.
///
/// `GlossaryTableReader` reads both back, given the two languages.
public final class GlossaryTableWriter {
    public enum Format: Sendable {
        case tsv, csv
    }

    public static let tsvHeader = "# Glossary in tab-separated format -*- coding: utf-8 -*-\n"
    public static let csvColumns = ["source", "target", "translator_comments"]

    private let format: Format
    private let output: (String) throws -> Void
    private var buffer = ""

    public init(format: Format, output: @escaping (String) throws -> Void) {
        self.format = format
        self.output = output
    }

    public func begin() throws {
        switch format {
        case .tsv: buffer += Self.tsvHeader
        case .csv: buffer += Self.csvColumns.joined(separator: ",") + "\r\n"
        }
    }

    public func write(source: String, target: String, comment: String?) throws {
        switch format {
        case .tsv:
            var fields = [source, target].map(Self.tsvField)
            if let comment, !comment.isEmpty { fields.append(Self.tsvField(comment)) }
            buffer += fields.joined(separator: "\t") + "\n"
        case .csv:
            buffer += [source, target, comment ?? ""].map(Self.csvField).joined(separator: ",") + "\r\n"
        }
        if buffer.utf8.count >= 1 << 16 { try flush() }
    }

    public func end() throws { try flush() }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try output(buffer)
        buffer = ""
    }

    /// One line, no tabs, trimmed as OmegaT trims.
    static func tsvField(_ text: String) -> String {
        String(text.map { $0 == "\t" || $0.isNewline ? " " : $0 }).trimmingCharacters(in: .whitespaces)
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) || text.first == " " || text.last == " " else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
