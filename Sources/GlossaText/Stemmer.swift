import CShims

/// Snowball stemmers (libstemmer), by language: the stem is what the inflected forms of a word
/// share (`Путина`, `Путину`, `Путиным` → `путин`; `Putin's` → `putin`).
public struct Stemmer: Sendable, Hashable {
    /// Snowball's name of the algorithm.
    public let algorithm: String

    /// Languages with a Snowball stemmer that names and terms are matched with.
    private static let byLanguage: [String: String] = [
        "ru": "russian", "en": "english", "de": "german", "fr": "french", "es": "spanish", "it": "italian",
        "pt": "portuguese", "nl": "dutch", "sv": "swedish", "sr": "serbian", "tr": "turkish",
    ]

    /// Ukrainian has no Snowball stemmer; its noun and adjective endings are close enough to
    /// Russian's that the Russian one finds most of its case forms.
    private static let borrowed: [String: String] = ["uk": "russian", "be": "russian"]

    public init?(language: String) {
        guard let algorithm = Self.byLanguage[language] ?? Self.borrowed[language] else { return nil }
        self.algorithm = algorithm
    }

    public static let russian = Stemmer(language: "ru")!
    public static let english = Stemmer(language: "en")!
    public static let german = Stemmer(language: "de")!
    public static let french = Stemmer(language: "fr")!

    /// The stemmers a query in an unknown language is read with, by the script it is typed in.
    public static func stemmers(forScriptOf text: String) -> [Stemmer] {
        var cyrillic = false
        var latin = false
        for scalar in text.unicodeScalars {
            if (0x0400...0x04FF).contains(scalar.value) { cyrillic = true }
            if scalar.properties.isAlphabetic, scalar.value < 0x250 { latin = true }
        }
        return (cyrillic ? [russian] : []) + (latin ? [english, german, french] : [])
    }

    /// The stem of one lower-case word.
    public func stem(_ word: String) -> String {
        var word = word
        return word.withUTF8 { utf8 in
            utf8.withMemoryRebound(to: CChar.self) { input in
                withUnsafeTemporaryAllocation(of: CChar.self, capacity: input.count + 16) { output in
                    let length = glossa_stem(algorithm, input.baseAddress, Int32(input.count), output.baseAddress, Int32(output.count))
                    guard length >= 0, Int(length) <= output.count else { return String(decoding: utf8, as: UTF8.self) }
                    return String(decoding: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(output)[..<Int(length)]), as: UTF8.self)
                }
            }
        }
    }
}
