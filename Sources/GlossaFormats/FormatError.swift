import Foundation

/// Why a file could not be read at all. Problems with single units are `UnitRejection`s instead.
public enum FormatError: Error, Sendable, Equatable, CustomStringConvertible {
    case cannotOpen(path: String)
    case emptyFile
    case malformed(message: String, line: Int)
    case wrongRoot(found: String, expected: String)
    /// A required element is absent (TMX's `<body>`).
    case missingElement(String)
    case entityDeclarations(line: Int)
    case entityReference(name: String, line: Int)
    /// One run of text longer than libxml2 reads (10,000,000 bytes).
    case textTooLong(line: Int)
    /// A glossary table that is neither UTF-8 nor UTF-16 with a byte order mark.
    case undecodableText(encoding: String)
    /// A glossary table whose columns say "source"/"target" (or nothing) but no languages were given.
    case languagesNeeded(columns: [String])
    /// A line a text format (gettext PO) cannot read.
    case syntax(format: String, message: String, line: Int)
    /// An encoding the file names that is not read.
    case unsupportedEncoding(String)
    /// A gettext template (`.pot`): source texts without translations.
    case template(path: String)
    /// A bilingual file that does not say the language of its translations, nor were they given.
    case languageNeeded(format: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path):
            "cannot open '\(path)'"
        case .emptyFile:
            "the file is empty or holds no XML content"
        case .malformed(let message, let line):
            "the XML is not well-formed at line \(line): \(message)"
        case .wrongRoot(let found, let expected):
            "not a \(expected.uppercased()) file: the root element is <\(found)>, expected <\(expected)>"
        case .missingElement(let name):
            "the file has no <\(name)> element, which the format requires (even when empty)"
        case .entityDeclarations(let line):
            "the document declares entities in its DTD (line \(line)); entity declarations are refused for safety (no DTD or external entity is ever loaded)"
        case .entityReference(let name, let line):
            "the document uses the entity &\(name); at line \(line); only the five predefined XML entities and character references are accepted"
        case .textTooLong(let line):
            "the text at line \(line) is longer than 10,000,000 bytes, more than any segment or term can be; the file is refused whole"
        case .undecodableText(let encoding):
            "the file is not valid \(encoding) text; save it as UTF-8 (or UTF-16 with a byte order mark)"
        case .languagesNeeded(let columns):
            "the columns (\(columns.joined(separator: ", "))) do not name their languages: give the languages of the source and target columns, or use a header row of language tags such as en,fr"
        case .syntax(let format, let message, let line):
            "not a valid \(format) file at line \(line): \(message)"
        case .unsupportedEncoding(let encoding):
            "the file's text is in \(encoding), which is not read: convert it to UTF-8 first (msgconv --to-code=UTF-8, or iconv)"
        case .template(let path):
            "'\((path as NSString).lastPathComponent)' is a gettext template (.pot): it holds the source texts without translations, so it is no memory; import the .po files translated from it"
        case .languageNeeded(let format):
            "the \(format) file does not name the language of its translations (the header's Language: field): give the languages as source,target (glossa import --languages en,de; languages= over HTTP)"
        }
    }
}
