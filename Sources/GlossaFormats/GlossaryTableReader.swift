import Foundation
import GlossaModel
import GlossaText

/// Reads a CSV or TSV glossary as Weblate, OmegaT and Zanata write them: each row one concept,
/// one term per language column, one row at a time.
///
/// - Columns: a first row of language tags (`en-US,hi,pl,pos,description`) names them; a first
///   row of known words (`source,target,translator_comments`, `Key,Value`) names source, target
///   and comment columns whose languages come from `languages`; otherwise there is no header and
///   the columns are source, target[, comment] in the languages given.
/// - Delimiter: tab for `.tsv`, `.tab`, `.txt`, `.utf8` files or when the first line has a tab;
///   semicolon when the first line has semicolons and no comma; comma otherwise.
/// - Quoting as RFC 4180 (`""` inside quotes, newlines in quotes), in TSV too. A quoted field must
///   close right before a delimiter or line end; if it does not, it is read literally, quotes and
///   all (`"say "hi" now"` stays as written), as hand-written OmegaT glossaries mean it.
/// - UTF-8 with or without BOM, UTF-16 LE/BE with a BOM. Lines starting with `#` are comments
///   (OmegaT's, and its Emacs `-*- coding -*-` line); blank rows are skipped.
///
/// The file is read whole: glossary tables are small, and a byte order mark decides how to decode it.
public final class GlossaryTableReader: GlossaryReader {
    public typealias Item = GlossaryItem

    /// What a column holds.
    public enum Column: Sendable, Hashable {
        case term(LanguageTag)
        /// A comment: the concept's note.
        case note
        /// `description`, `definition`: the concept's definition.
        case definition
        /// `pos`, `partofspeech`: the part of speech of the row's terms.
        case partOfSpeech
        /// A column the concept does not keep (`synonyms`, `context`, `location`...), by its header.
        case ignored(String)
    }

    public let delimiter: Character
    /// Whether the first row named the columns.
    public private(set) var hasHeader = false
    /// The columns, as the header named them or as assumed without one (source, target, comment).
    public private(set) var columns: [Column] = []
    /// Rows read so far (not the header), kept or not.
    public private(set) var rowsRead = 0
    /// Non-empty term cells read so far.
    public private(set) var termsRead = 0

    private let bytes: [UInt8]
    private let separator: UInt8
    private var position = 0
    private var line = 1
    /// The first row, read to look for a header, when it turned out to be data.
    private var pending: (cells: [String], line: Int)?
    /// How many cells a row may have.
    private var cellCounts = 0...0

    /// `languages` are those of the source and target columns (and of further term columns in a
    /// file without header) when the first row does not name them; a header of tags wins. Without
    /// them such a file is `FormatError.languagesNeeded`; a 0-byte file is `FormatError.emptyFile`,
    /// one with only comments and blank lines gives no concept.
    public init(path: String, languages: [LanguageTag]? = nil) throws(FormatError) {
        // A 0-byte file is refused before reading: Foundation's read of one leaks its 4 KiB buffer.
        var status = stat()
        if stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_size == 0 { throw .emptyFile }
        guard let data = FileManager.default.contents(atPath: path) else { throw .cannotOpen(path: path) }
        guard !data.isEmpty else { throw .emptyFile }
        bytes = Array(try Self.decode(data).utf8)
        let fileExtension = (path as NSString).pathExtension.lowercased()
        separator = Self.separator(extension: fileExtension, bytes: bytes)
        delimiter = Character(Unicode.Scalar(separator))
        if let first = nextRecord() { try layOut(first, languages: languages) }
    }

    /// The next concept, or nil at the end of the file.
    public func next() throws(FormatError) -> GlossaryItem? {
        guard let (cells, line) = pending ?? nextRecord() else { return nil }
        pending = nil
        rowsRead += 1
        return concept(cells, line: line)
    }

    // MARK: Columns

    private enum Role {
        case source, target, column(Column)
    }

    /// Header words, lower-cased, from Weblate (`source,target,context,translator_comments...`),
    /// Translate Toolkit (`Key,Value`) and Zanata (`pos,description`).
    private static let headerWords: [String: Role] = [
        "source": .source, "key": .source, "msgid": .source,
        "target": .target, "value": .target, "msgstr": .target, "translation": .target,
        "comment": .column(.note), "comments": .column(.note), "note": .column(.note), "notes": .column(.note),
        "translator_comments": .column(.note), "developer_comments": .column(.note),
        "description": .column(.definition), "definition": .column(.definition),
        "pos": .column(.partOfSpeech), "partofspeech": .column(.partOfSpeech),
        "part_of_speech": .column(.partOfSpeech), "part of speech": .column(.partOfSpeech),
        "synonyms": .column(.ignored("synonyms")), "context": .column(.ignored("context")),
        "location": .column(.ignored("location")), "fuzzy": .column(.ignored("fuzzy")), "flags": .column(.ignored("flags")),
    ]

    /// Decides from the first row whether it names the columns, and which they are.
    private func layOut(_ first: (cells: [String], line: Int), languages: [LanguageTag]?) throws(FormatError) {
        let cells = first.cells.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        if let roles = Self.headerRoles(cells) {
            hasHeader = true
            cellCounts = cells.count...cells.count
            var columns: [Column] = []
            for role in roles {
                switch role {
                case .column(let column): columns.append(column)
                case .source:
                    guard let languages, !languages.isEmpty else { throw .languagesNeeded(columns: cells) }
                    columns.append(.term(languages[0]))
                case .target:
                    guard let languages, languages.count >= 2 else { throw .languagesNeeded(columns: cells) }
                    columns.append(.term(languages[1]))
                }
            }
            self.columns = columns
        } else {
            guard let languages, languages.count >= 2 else { throw .languagesNeeded(columns: ["source", "target", "comment"]) }
            columns = languages.map { .term($0) } + [.note]
            cellCounts = 2...columns.count
            pending = first
        }
    }

    /// The roles a header row names, or nil when the row is data. A header is either known words
    /// with a source or target among them (`source,target,translator_comments`), or language tags
    /// with known words (`en-US,hi,pl,pos,description`); with two tags or more, unknown words are
    /// columns to ignore.
    private static func headerRoles(_ cells: [String]) -> [Role]? {
        let words = cells.map { headerWords[$0.lowercased()] }
        let namesSourceOrTarget = words.contains { word in
            switch word {
            case .source?, .target?: true
            default: false
            }
        }
        if namesSourceOrTarget, words.allSatisfy({ $0 != nil }) { return words.map { $0! } }
        let tags = cells.map(headerLanguage)
        let tagCount = tags.count(where: { $0 != nil })
        var roles: [Role] = []
        for (index, cell) in cells.enumerated() {
            if let tag = tags[index] {
                roles.append(.column(.term(tag)))
            } else if case .column(let column)? = words[index] {
                roles.append(.column(column))
            } else if tagCount >= 2 || cell.isEmpty {
                roles.append(.column(.ignored(cell)))
            } else {
                return nil
            }
        }
        return tagCount > 0 ? roles : nil
    }

    /// The language a header cell names: a well-formed tag (`en`, `en-US`, `zh_CN`) whose language
    /// ICU's likely-subtags data knows, so that words such as `die` or `ok` are not taken for tags.
    private static func headerLanguage(_ cell: String) -> LanguageTag? {
        let parts = cell.split(whereSeparator: { $0 == "-" || $0 == "_" })
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }),
            parts.allSatisfy({ (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }),
            let tag = try? LanguageTag(cell), tag.fallbackGroup.contains("-")
        else { return nil }
        return tag
    }

    // MARK: Rows

    private func concept(_ cells: [String], line: Int) -> GlossaryItem {
        var cells = cells
        // Spreadsheets pad rows with empty cells: those beyond the columns do not count.
        while cells.count > cellCounts.upperBound, cells.last?.isEmpty == true { cells.removeLast() }
        guard cellCounts.contains(cells.count) else {
            let expected = cellCounts.count == 1 ? "\(cellCounts.lowerBound)" : "\(cellCounts.lowerBound) to \(cellCounts.upperBound)"
            return .rejected(
                UnitIssue(
                    line: line, tuid: nil,
                    reason: "row at line \(line) has \(cells.count) cell\(cells.count == 1 ? "" : "s"), expected \(expected)"))
        }
        var texts: [(String, LanguageTag)] = []
        var notes: [String] = []
        var concept = Concept(terms: [], line: line)
        var partOfSpeech: String?
        for (cell, column) in zip(cells, columns) {
            let value = cell.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !value.isEmpty else { continue }
            switch column {
            case .term(let language): texts.append((value, language))
            case .note: notes.append(value)
            case .definition: concept.definition = concept.definition ?? value
            case .partOfSpeech: partOfSpeech = partOfSpeech ?? value
            case .ignored: continue
            }
        }
        termsRead += texts.count
        guard !texts.isEmpty else {
            return .rejected(
                UnitIssue(
                    line: line, tuid: nil, reason: "row at line \(line) has no term, only \(cells.filter { !$0.isEmpty }.joined(separator: ", "))"))
        }
        concept.terms = texts.map { Term(text: $0.0, language: $0.1, partOfSpeech: partOfSpeech) }
        if !notes.isEmpty { concept.note = notes.joined(separator: "\n") }
        return .concept(concept, skipped: [])
    }

    private static let quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")

    /// The next row with content and the line it starts on; nil at the end. Comment and blank rows are passed over.
    private func nextRecord() -> (cells: [String], line: Int)? {
        while position < bytes.count {
            let start = line
            if bytes[position] == UInt8(ascii: "#") {
                while position < bytes.count, !isLineEnd(position) { position += 1 }
                endLine()
                continue
            }
            var cells = [readField()]
            while position < bytes.count, bytes[position] == separator {
                position += 1
                cells.append(readField())
            }
            endLine()
            if cells.allSatisfy({ $0.allSatisfy(\.isWhitespace) }) { continue }
            return (cells, start)
        }
        return nil
    }

    private func readField() -> String {
        if position < bytes.count, bytes[position] == Self.quote, let quoted = readQuotedField() { return quoted }
        let start = position
        while position < bytes.count, bytes[position] != separator, !isLineEnd(position) { position += 1 }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    /// A quoted field from the opening quote at `position`, or nil (nothing consumed) when its
    /// closing quote is not followed by a delimiter, a line end or the end of the file.
    private func readQuotedField() -> String? {
        var value: [UInt8] = []
        var index = position + 1
        var lines = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == Self.quote {
                if index + 1 < bytes.count, bytes[index + 1] == Self.quote {
                    value.append(Self.quote)
                    index += 2
                    continue
                }
                guard index + 1 == bytes.count || bytes[index + 1] == separator || isLineEnd(index + 1) else { return nil }
                position = index + 1
                line += lines
                return String(decoding: value, as: UTF8.self)
            }
            if byte == Self.newline || (byte == Self.carriageReturn && bytes[safe: index + 1] != Self.newline) { lines += 1 }
            // A line break in a field is "\n", however the file ends its lines.
            if byte != Self.carriageReturn || bytes[safe: index + 1] != Self.newline {
                value.append(byte == Self.carriageReturn ? Self.newline : byte)
            }
            index += 1
        }
        return nil
    }

    private func isLineEnd(_ index: Int) -> Bool {
        bytes[index] == Self.newline || bytes[index] == Self.carriageReturn
    }

    /// Passes the line end at `position` ("\n", "\r\n" or "\r"), if any.
    private func endLine() {
        guard position < bytes.count else { return }
        if bytes[position] == Self.carriageReturn, bytes[safe: position + 1] == Self.newline { position += 1 }
        position += 1
        line += 1
    }

    // MARK: Encoding

    /// The text of the file: UTF-16 by its byte order mark, else UTF-8 (a BOM dropped).
    private static func decode(_ data: Data) throws(FormatError) -> String {
        let text: String?
        let encoding: String
        switch (data.first, data.dropFirst().first) {
        case (0xFF, 0xFE):
            (text, encoding) = (String(data: Data(data.dropFirst(2)), encoding: .utf16LittleEndian), "UTF-16LE")
        case (0xFE, 0xFF):
            (text, encoding) = (String(data: Data(data.dropFirst(2)), encoding: .utf16BigEndian), "UTF-16BE")
        default:
            (text, encoding) = (String(validating: data, as: UTF8.self), "UTF-8")
        }
        guard var text else { throw .undecodableText(encoding: encoding) }
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        return text
    }

    private static func separator(extension fileExtension: String, bytes: [UInt8]) -> UInt8 {
        if ["tsv", "tab", "txt", "utf8"].contains(fileExtension) { return UInt8(ascii: "\t") }
        // The first line that is not a comment decides.
        var start = 0
        while start < bytes.count, bytes[start] == UInt8(ascii: "#") {
            start = (bytes[start...].firstIndex(of: newline) ?? bytes.count) + 1
        }
        let firstLine = bytes[min(start, bytes.count)...].prefix { $0 != newline && $0 != carriageReturn }
        if firstLine.contains(UInt8(ascii: "\t")) { return UInt8(ascii: "\t") }
        if firstLine.contains(UInt8(ascii: ";")), !firstLine.contains(UInt8(ascii: ",")) { return UInt8(ascii: ";") }
        return UInt8(ascii: ",")
    }
}

extension Array {
    fileprivate subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
