import Foundation
import GlossaModel
import GlossaText

/// Reads a gettext PO file (as GNU gettext, Weblate, Pontoon and translate-toolkit write it) one
/// translation at a time, streaming: each translated entry is a unit of its `msgid` in the source
/// language and its `msgstr` in the target language.
///
/// - Languages: the target is the header's `Language:`, the source its `X-Source-Language:` (which
///   some tools write) or English; `languages` given by the caller (source, or source and target)
///   win over the header.
/// - Plurals: each form is a unit of its own, `msgstr[0]` with `msgid` and every later form with
///   `msgid_plural` (gettext's English source has two forms; a target language may have more).
/// - Fuzzy entries (drafts), untranslated ones, plural forms left empty and obsolete `#~` entries
///   are rejected with their line and why.
/// - Kept beside the text: `msgctxt` as the prop `x-context`, `#:` references as `x-reference`,
///   `#,` flags as `x-flags`, the plural form's index as `x-plural-form`; `#.` extracted and
///   `# ` translator comments as notes.
/// - Encodings: UTF-8 (and ASCII), and the ISO-8859 and Windows code pages Foundation converts,
///   as the header's `charset=` names them; others are refused.
public final class POReader: UnitReader {
    public static let defaultSourceLanguage = try! LanguageTag("en")
    public static let contextProperty = "x-context"
    public static let referenceProperty = "x-reference"
    public static let flagsProperty = "x-flags"
    public static let pluralFormProperty = "x-plural-form"

    /// nil until the header (or the first entry, without one) is read.
    public private(set) var sourceLanguage: LanguageTag?
    public private(set) var targetLanguage: LanguageTag?
    /// `msgid`, `msgid_plural` and `msgstr` strings read so far, kept or not.
    public private(set) var variantsRead = 0

    private let lines: ByteLineReader
    private let parser: POEntryParser
    private let givenSource: LanguageTag?
    private let givenTarget: LanguageTag?
    private var encoding = String.Encoding.utf8
    private var encodingName = "UTF-8"
    private var headerChecked = false
    private var queue: [UnitReaderItem] = []

    /// `languages`, when given, are the source (and, when two, the target) language whatever the
    /// header says. A `.pot` template is refused here: it holds no translations.
    public init(path: String, languages: [LanguageTag]? = nil) throws(FormatError) {
        if path.lowercased().hasSuffix(".pot") { throw .template(path: path) }
        lines = try ByteLineReader(path: path)
        parser = POEntryParser(lines: lines, maxStringBytes: TMXReader.maxSegmentBytes)
        givenSource = languages?.first
        givenTarget = languages.flatMap { $0.count >= 2 ? $0[1] : nil }
        sourceLanguage = givenSource
        targetLanguage = givenTarget
    }

    public var bytesConsumed: Int { lines.bytesConsumed }

    public func next() throws(FormatError) -> UnitReaderItem? {
        while queue.isEmpty {
            guard let entry = try parser.next() else { return nil }
            try read(entry)
        }
        return queue.removeFirst()
    }

    private func read(_ entry: POEntry) throws(FormatError) {
        variantsRead += (entry.msgid == nil ? 0 : 1) + (entry.msgidPlural == nil ? 0 : 1) + (entry.msgstr == nil ? 0 : 1) + entry.pluralForms.count
        if !headerChecked {
            headerChecked = true
            if entry.msgid?.isEmpty == true, entry.context == nil, !entry.obsolete {
                try readHeader(entry.msgstr ?? [])
                return
            }
        }
        if entry.obsolete {
            return reject(entry, "obsolete entry (#~): a translation the program no longer uses")
        }
        guard let target = targetLanguage else { throw .languageNeeded(format: "PO") }
        let source = sourceLanguage ?? Self.defaultSourceLanguage
        sourceLanguage = source
        let msgid = try decode(entry.msgid ?? [])
        if msgid.isEmpty { return reject(entry, "an empty msgid outside the header: no source text") }
        if entry.flags.contains("fuzzy") { return reject(entry, "fuzzy entry: a draft the translator has not confirmed") }
        if entry.tooLong { return reject(entry, "a string longer than \(TMXReader.maxSegmentBytes) bytes, more than a segment can be") }
        var metadata = Metadata()
        if let context = entry.context { metadata.properties.append(Property(type: Self.contextProperty, value: try decode(context))) }
        if !entry.references.isEmpty {
            let references = try entry.references.map { (reference) throws(FormatError) in try decode(reference) }
            metadata.properties.append(Property(type: Self.referenceProperty, value: references.joined(separator: " ")))
        }
        let flags = entry.flags.filter { !$0.isEmpty }
        if !flags.isEmpty { metadata.properties.append(Property(type: Self.flagsProperty, value: flags.joined(separator: ", "))) }
        for comments in [entry.extractedComments, entry.translatorComments] where !comments.isEmpty {
            metadata.notes.append(try comments.map { (comment) throws(FormatError) in try decode(comment) }.joined(separator: "\n"))
        }
        guard let plural = entry.msgidPlural else {
            let translation = try decode(entry.msgstr ?? [])
            if translation.isEmpty { return reject(entry, "untranslated: the msgstr is empty") }
            queue.append(.unit(unit(msgid, translation, source, target, metadata, line: entry.line), skipped: []))
            return
        }
        let pluralSource = try decode(plural)
        if entry.pluralForms.allSatisfy({ $0.text.isEmpty }) { return reject(entry, "untranslated: every msgstr[N] is empty") }
        for form in entry.pluralForms {
            guard !form.text.isEmpty else {
                queue.append(.rejected(UnitIssue(line: form.line, tuid: nil, reason: "untranslated plural form: msgstr[\(form.index)] is empty")))
                continue
            }
            var formMetadata = metadata
            formMetadata.properties.append(Property(type: Self.pluralFormProperty, value: String(form.index)))
            let text = form.index == 0 ? msgid : pluralSource
            queue.append(.unit(unit(text, try decode(form.text), source, target, formMetadata, line: form.line), skipped: []))
        }
    }

    private func unit(
        _ source: String, _ translation: String, _ sourceLanguage: LanguageTag, _ targetLanguage: LanguageTag, _ metadata: Metadata, line: Int
    ) -> TranslationUnit {
        TranslationUnit(
            sourceLanguage: sourceLanguage,
            segments: [Segment(language: sourceLanguage, text: source), Segment(language: targetLanguage, text: translation)],
            metadata: metadata, line: line)
    }

    private func reject(_ entry: POEntry, _ reason: String) {
        queue.append(.rejected(UnitIssue(line: entry.line, tuid: nil, reason: reason)))
    }

    // MARK: Header

    /// The header's fields: its charset first (the rest of the file is in it), then the languages.
    private func readHeader(_ bytes: [UInt8]) throws(FormatError) {
        // Every encoding read is ASCII-compatible, so the charset field reads the same in any of them.
        let ascii = String(decoding: bytes.map { $0 < 0x80 ? $0 : UInt8(ascii: "?") }, as: UTF8.self)
        let fields = Self.fields(ascii)
        if let contentType = fields["content-type"], let charset = Self.charset(contentType) {
            guard let found = Self.encoding(named: charset) else { throw .unsupportedEncoding(charset) }
            (encoding, encodingName) = (found, charset)
        }
        let header = Self.fields(try decode(bytes))
        targetLanguage = givenTarget ?? header["language"].flatMap(Self.language)
        sourceLanguage = givenSource ?? header["x-source-language"].flatMap(Self.language)
    }

    private static func fields(_ header: String) -> [String: String] {
        var fields: [String: String] = [:]
        for line in header.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            fields[line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()] = value
        }
        return fields
    }

    private static func charset(_ contentType: String) -> String? {
        guard let range = contentType.range(of: "charset=", options: .caseInsensitive) else { return nil }
        let name = contentType[range.upperBound...].prefix { !$0.isWhitespace && $0 != ";" }
        return name.isEmpty ? nil : String(name)
    }

    /// Encodings by the names PO headers use. `CHARSET` is the placeholder of an unfilled template.
    private static func encoding(named name: String) -> String.Encoding? {
        switch name.lowercased().replacingOccurrences(of: "_", with: "-") {
        case "utf-8", "utf8", "charset", "us-ascii", "ascii", "ansi-x3.4-1968": .utf8
        case "iso-8859-1", "iso8859-1", "latin1", "latin-1": .isoLatin1
        case "iso-8859-2", "iso8859-2", "latin2": .isoLatin2
        case "windows-1250", "cp1250": .windowsCP1250
        case "windows-1251", "cp1251": .windowsCP1251
        case "windows-1252", "cp1252": .windowsCP1252
        case "windows-1253", "cp1253": .windowsCP1253
        case "windows-1254", "cp1254": .windowsCP1254
        default: nil
        }
    }

    /// A gettext locale name (`pt_BR`, `sr@latin`, `ca@valencia`) as a language tag; nil when it
    /// is empty or the template's placeholder.
    static func language(_ raw: String) -> LanguageTag? {
        var name = raw.trimmingCharacters(in: .whitespaces)
        if let dot = name.firstIndex(of: ".") { name = String(name[..<dot]) }  // `de_DE.UTF-8`
        if let at = name.firstIndex(of: "@") {
            let modifier = name[name.index(after: at)...].lowercased()
            let subtag = ["latin": "Latn", "cyrillic": "Cyrl"][modifier] ?? modifier
            name = name[..<at] + "-" + subtag
        }
        return try? LanguageTag(name)
    }

    private func decode(_ bytes: [UInt8]) throws(FormatError) -> String {
        if bytes.isEmpty { return "" }
        if encoding == .utf8 {
            guard let text = String(validating: bytes, as: UTF8.self) else { throw .undecodableText(encoding: encodingName) }
            return text
        }
        guard let text = String(data: Data(bytes), encoding: encoding) else { throw .undecodableText(encoding: encodingName) }
        return text
    }
}

extension FileSniff {
    /// Whether the file starts as a PO file: after comments and blank lines, a `msgid` or
    /// `msgctxt`. A start of comments only (a long list of translators) is a PO file's too: no
    /// XML file starts with `#`.
    var isPO: Bool {
        var sawComment = false
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.drop { $0 == " " || $0 == "\t" || $0 == "\u{FEFF}" }
            if trimmed.isEmpty { continue }
            if trimmed.hasPrefix("#") {
                sawComment = true
                continue
            }
            return trimmed.hasPrefix("msgid") || trimmed.hasPrefix("msgctxt")
        }
        return sawComment
    }
}
