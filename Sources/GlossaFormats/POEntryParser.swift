import Foundation

/// One entry of a gettext PO file as written, its strings still in the file's encoding (the
/// header, itself an entry, names it).
struct POEntry {
    /// Line of the `msgid` (of the first line of the entry while none was read).
    var line: Int
    var translatorComments: [[UInt8]] = []
    var extractedComments: [[UInt8]] = []
    var references: [[UInt8]] = []
    var flags: [String] = []
    var context: [UInt8]?
    var msgid: [UInt8]?
    var msgidPlural: [UInt8]?
    var msgstr: [UInt8]?
    var pluralForms: [(index: Int, text: [UInt8], line: Int)] = []
    /// A `#~` entry: a message the program no longer has, kept for reuse.
    var obsolete = false
    /// A string was longer than a segment may be.
    var tooLong = false
    /// Bytes of comments kept: past the limit of a string, further comments are dropped, so a
    /// file of comments alone cannot fill memory.
    var commentBytes = 0

    var hasTranslation: Bool { msgstr != nil || !pluralForms.isEmpty }
}

/// Splits a PO file into entries, a line at a time, following GNU gettext's grammar: comments
/// (`#`, `#.`, `#:`, `#,`, `#|`), `msgctxt`, `msgid`, `msgid_plural`, `msgstr`, `msgstr[N]`, strings
/// continued on following lines, C escapes, obsolete `#~` entries. Entries end at a blank line or
/// where the next one begins.
final class POEntryParser {
    private let lines: ByteLineReader
    private var pending: (text: ArraySlice<UInt8>, line: Int)?
    private let maxStringBytes: Int
    /// More plural forms than any language has (CLDR's most is six): past it, the file is refused
    /// rather than read into memory form by form.
    static let maxPluralForms = 64

    private enum Field {
        case context, msgid, msgidPlural, msgstr
        case plural(Int)
    }

    init(lines: ByteLineReader, maxStringBytes: Int) {
        self.lines = lines
        self.maxStringBytes = maxStringBytes
    }

    var line: Int { lines.line }

    /// The next entry, nil at the end of the file.
    func next() throws(FormatError) -> POEntry? {
        var entry: POEntry?
        var field: Field?
        while true {
            let text: ArraySlice<UInt8>
            let number: Int
            if let held = pending {
                (text, number) = held
                pending = nil
            } else if let read = try lines.next() {
                (text, number) = (read, lines.line)
            } else {
                return try finish(entry)
            }
            var content = Self.trimmingLeadingSpace(number == 1 ? Self.droppingBOM(text) : text)
            if content.isEmpty {
                if entry?.msgid != nil { return try finish(entry) }
                continue
            }
            var obsolete = false
            if content.starts(with: Self.obsoleteMark) {
                obsolete = true
                content = Self.trimmingLeadingSpace(content.dropFirst(Self.obsoleteMark.count))
                if content.first == UInt8(ascii: "|") { continue }  // an obsolete entry's previous msgid
            }
            // A comment or keyword after a translation begins the next entry.
            let startsEntry = content.first == UInt8(ascii: "#") || Self.keyword(of: content)?.0.startsEntry == true
            if let current = entry, current.hasTranslation, startsEntry {
                pending = (text, number)
                return try finish(current)
            }
            var current = entry ?? POEntry(line: number)
            if obsolete { current.obsolete = true }
            if content.first == UInt8(ascii: "#") {
                if current.commentBytes + content.count <= maxStringBytes {
                    current.commentBytes += content.count
                    Self.readComment(content, into: &current)
                }
                entry = current
                continue
            }
            if content.first == UInt8(ascii: "\"") {
                guard let target = field else {
                    throw Self.syntax("a string with no keyword before it (msgid, msgstr...)", line: number)
                }
                try append(try Self.string(content, line: number), to: target, of: &current)
                entry = current
                continue
            }
            guard let (keyword, rest) = Self.keyword(of: content) else {
                if current.obsolete { continue }  // obsolete entries are skipped whatever they hold
                throw Self.syntax("expected msgctxt, msgid, msgid_plural, msgstr, a quoted string or a # comment", line: number)
            }
            let value = try Self.string(Self.trimmingLeadingSpace(rest), line: number)
            switch keyword {
            case .msgctxt:
                field = .context
                current.context = []
            case .msgid:
                if current.msgid != nil, !current.obsolete { throw Self.syntax("a second msgid before the entry's msgstr", line: number) }
                field = .msgid
                current.msgid = []
                current.line = number
            case .msgidPlural:
                guard current.msgid != nil else { throw Self.syntax("msgid_plural before msgid", line: number) }
                field = .msgidPlural
                current.msgidPlural = []
            case .msgstr:
                guard current.msgid != nil else { throw Self.syntax("msgstr before msgid", line: number) }
                field = .msgstr
                current.msgstr = []
            case .plural(let index):
                guard current.msgid != nil else { throw Self.syntax("msgstr[\(index)] before msgid", line: number) }
                guard current.pluralForms.count < Self.maxPluralForms else {
                    throw Self.syntax("more than \(Self.maxPluralForms) plural forms in one entry", line: number)
                }
                field = .plural(index)
                current.pluralForms.append((index, [], number))
            }
            try append(value, to: field!, of: &current)
            entry = current
        }
    }

    private func finish(_ entry: POEntry?) throws(FormatError) -> POEntry? {
        guard let entry, entry.msgid != nil || entry.obsolete else { return nil }
        if !entry.hasTranslation, !entry.obsolete {
            throw Self.syntax("the msgid has no msgstr", line: entry.line)
        }
        if entry.msgidPlural != nil, entry.msgstr != nil, !entry.obsolete {
            throw Self.syntax("an entry with msgid_plural takes msgstr[0], msgstr[1]..., not msgstr", line: entry.line)
        }
        return entry
    }

    private func append(_ bytes: [UInt8], to field: Field, of entry: inout POEntry) throws(FormatError) {
        func add(_ target: inout [UInt8]) {
            if target.count + bytes.count > maxStringBytes {
                entry.tooLong = true
            } else {
                target += bytes
            }
        }
        switch field {
        case .context: add(&entry.context!)
        case .msgid: add(&entry.msgid!)
        case .msgidPlural: add(&entry.msgidPlural!)
        case .msgstr: add(&entry.msgstr!)
        case .plural: add(&entry.pluralForms[entry.pluralForms.count - 1].text)
        }
    }

    // MARK: Lines

    private static let obsoleteMark = Array("#~".utf8)

    private enum Keyword {
        case msgctxt, msgid, msgidPlural, msgstr
        case plural(Int)

        /// Whether the keyword opens an entry (so ends one that has its translation).
        var startsEntry: Bool {
            switch self {
            case .msgctxt, .msgid: true
            default: false
            }
        }
    }

    private static let keywords: [(String, Keyword)] = [
        ("msgctxt", .msgctxt), ("msgid_plural", .msgidPlural), ("msgid", .msgid), ("msgstr", .msgstr),
    ]

    /// The keyword a line starts with, and what follows it.
    private static func keyword(of content: ArraySlice<UInt8>) -> (Keyword, ArraySlice<UInt8>)? {
        if content.starts(with: Array("msgstr[".utf8)) {
            let digits = content.dropFirst("msgstr[".utf8.count)
            guard let close = digits.firstIndex(of: UInt8(ascii: "]")), close > digits.startIndex,
                let index = Int(String(decoding: digits[..<close], as: UTF8.self)), index >= 0
            else { return nil }
            return (.plural(index), content[(close + 1)...])
        }
        for (word, keyword) in keywords where content.starts(with: Array(word.utf8)) {
            let rest = content.dropFirst(word.utf8.count)
            // `msgid` must not match `msgidx`: a keyword ends at a space or its string.
            guard let next = rest.first, next == UInt8(ascii: " ") || next == UInt8(ascii: "\t") || next == UInt8(ascii: "\"") else {
                continue
            }
            return (keyword, rest)
        }
        return nil
    }

    private static func readComment(_ content: ArraySlice<UInt8>, into entry: inout POEntry) {
        let kind = content.dropFirst().first
        let text = Array(trimmingLeadingSpace(content.dropFirst(2)))
        switch kind {
        case UInt8(ascii: "."): entry.extractedComments.append(text)
        case UInt8(ascii: ":"): entry.references.append(text)
        case UInt8(ascii: ","):
            entry.flags += String(decoding: text, as: UTF8.self).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        case UInt8(ascii: "|"): break  // the previous msgid, for translators: not a translation
        default: entry.translatorComments.append(Array(trimmingLeadingSpace(content.dropFirst())))
        }
    }

    /// A quoted string, unescaped to bytes; only spaces may follow it.
    private static func string(_ content: ArraySlice<UInt8>, line: Int) throws(FormatError) -> [UInt8] {
        guard content.first == UInt8(ascii: "\"") else { throw syntax("expected a quoted string", line: line) }
        var bytes: [UInt8] = []
        var index = content.index(after: content.startIndex)
        while index < content.endIndex {
            let byte = content[index]
            if byte == UInt8(ascii: "\"") {
                let rest = content[(index + 1)...]
                guard rest.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) else {
                    throw syntax("text after the closing quote", line: line)
                }
                return bytes
            }
            if byte == UInt8(ascii: "\\") {
                index = try unescape(content, at: index + 1, into: &bytes, line: line)
                continue
            }
            bytes.append(byte)
            index += 1
        }
        throw syntax("the string has no closing quote (a string ends on its line; continue it on the next in quotes)", line: line)
    }

    private static let simpleEscapes: [UInt8: UInt8] = [
        UInt8(ascii: "n"): 0x0A, UInt8(ascii: "t"): 0x09, UInt8(ascii: "r"): 0x0D, UInt8(ascii: "\""): 0x22,
        UInt8(ascii: "\\"): 0x5C, UInt8(ascii: "a"): 0x07, UInt8(ascii: "b"): 0x08, UInt8(ascii: "f"): 0x0C,
        UInt8(ascii: "v"): 0x0B, UInt8(ascii: "'"): 0x27, UInt8(ascii: "?"): 0x3F,
    ]

    /// C escapes as gettext reads them: the simple ones, 1-3 octal digits, `\x` and hex digits.
    private static func unescape(
        _ content: ArraySlice<UInt8>, at start: Int, into bytes: inout [UInt8], line: Int
    ) throws(FormatError) -> Int {
        guard start < content.endIndex else { throw syntax("a backslash at the end of the line", line: line) }
        let code = content[start]
        if let byte = simpleEscapes[code] {
            bytes.append(byte)
            return start + 1
        }
        if (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(code) {
            var value = 0
            var index = start
            while index < content.endIndex, index < start + 3, (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(content[index]) {
                value = value * 8 + Int(content[index] - UInt8(ascii: "0"))
                index += 1
            }
            guard value <= UInt8.max else { throw syntax("the octal escape is larger than a byte", line: line) }
            bytes.append(UInt8(value))
            return index
        }
        if code == UInt8(ascii: "x") {
            var value = 0
            var index = start + 1
            while index < content.endIndex, let digit = hexValue(content[index]) {
                value = value * 16 + digit
                guard value <= UInt8.max else { throw syntax("the hex escape is larger than a byte", line: line) }
                index += 1
            }
            guard index > start + 1 else { throw syntax("\\x without hex digits", line: line) }
            bytes.append(UInt8(value))
            return index
        }
        throw syntax("unknown escape \\\(String(decoding: [code], as: UTF8.self))", line: line)
    }

    private static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A")) + 10
        default: nil
        }
    }

    private static func trimmingLeadingSpace(_ text: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        text.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }

    private static func droppingBOM(_ text: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        text.starts(with: [0xEF, 0xBB, 0xBF]) ? text.dropFirst(3) : text
    }

    static func syntax(_ message: String, line: Int) -> FormatError {
        .syntax(format: "PO", message: message, line: line)
    }
}
