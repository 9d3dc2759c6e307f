import GlossaText

/// One aligned unit of a translation memory (a TMX `<tu>`): the same sentence in several languages.
public struct TranslationUnit: Sendable, Hashable {
    /// The unit's id in its file (`tuid`), if it had one.
    public var tuid: String?
    /// The language the unit was translated from; nil when the file says `*all*` (any may serve).
    public var sourceLanguage: LanguageTag?
    public var segments: [Segment]
    public var metadata: Metadata
    /// Line of the `<tu>` in its file, for reports.
    public var line: Int

    public init(
        tuid: String? = nil, sourceLanguage: LanguageTag? = nil, segments: [Segment],
        metadata: Metadata = Metadata(), line: Int = 0
    ) {
        self.tuid = tuid
        self.sourceLanguage = sourceLanguage
        self.segments = segments
        self.metadata = metadata
        self.line = line
    }

    /// Identity by content: SHA-256 over the segments' languages and markup, in a fixed order.
    /// Importing the same unit twice (from one file or two) stores it once.
    public var contentKey: String {
        let canonical =
            segments
            .map { "\($0.language.canonical)\u{1F}\($0.markup)" }
            .sorted()
            .joined(separator: "\u{1E}")
        return ContentHash.sha256(canonical)
    }

    /// Languages present, in order of first appearance.
    public var languages: [LanguageTag] {
        var seen = Set<LanguageTag>()
        return segments.compactMap { seen.insert($0.language).inserted ? $0.language : nil }
    }
}

/// The text of a unit in one language (a TMX `<tuv>` and its `<seg>`).
public struct Segment: Sendable, Hashable {
    public var language: LanguageTag
    /// Plain text: what is matched and shown. Inline codes are left out; `<hi>` text is kept.
    public var text: String
    /// The `<seg>` content as TMX markup (text escaped, inline codes as elements): what is exported.
    public var markup: String
    public var metadata: Metadata

    public init(language: LanguageTag, text: String, markup: String? = nil, metadata: Metadata = Metadata()) {
        self.language = language
        self.text = text
        self.markup = markup ?? XMLEscaping.escapeText(text)
        self.metadata = metadata
    }

    /// True when the markup holds inline codes.
    public var hasInlineCodes: Bool { markup != XMLEscaping.escapeText(text) }
}

/// What TMX keeps beside the text: `<prop>`, `<note>` and the attributes (dates, creation ids,
/// usage counts) of a `<tu>` or `<tuv>`.
public struct Metadata: Sendable, Hashable, Codable {
    public var properties: [Property]
    public var notes: [String]
    /// Attributes by name, such as `creationdate`, `changedate`, `creationid`, `usagecount`.
    public var attributes: [String: String]

    public init(properties: [Property] = [], notes: [String] = [], attributes: [String: String] = [:]) {
        self.properties = properties
        self.notes = notes
        self.attributes = attributes
    }

    public var isEmpty: Bool { properties.isEmpty && notes.isEmpty && attributes.isEmpty }
    public var creationDate: String? { attributes["creationdate"] }
    public var changeDate: String? { attributes["changedate"] }
}

/// A TMX `<prop type="...">value</prop>`.
public struct Property: Sendable, Hashable, Codable {
    public var type: String
    public var value: String

    public init(type: String, value: String) {
        self.type = type
        self.value = value
    }
}
