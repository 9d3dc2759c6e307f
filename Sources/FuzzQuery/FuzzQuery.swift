import FuzzDriver
import GlossaMatching
import GlossaText

/// Feeds arbitrary text to what a lookup does with a query: the language tag, normalization, word
/// tokens, name search keys, the match score between two texts and transliteration. None of these
/// may trap, hang or grow without bound on any input.
@main
enum FuzzQuery {
    static func main() { FuzzDriver.run(fuzz) }
}

private let russian = try? LanguageTag("ru")
private let nameLanguages = ["en", "ru", "zh-CN"].compactMap { try? LanguageTag($0) }

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let bytes = UnsafeBufferPointer(start: data, count: size)
    // Invalid UTF-8 becomes U+FFFD, as it does in a decoded HTTP query.
    let text = String(decoding: bytes, as: UTF8.self)

    if let tag = try? LanguageTag(text) {
        _ = tag.fallbackGroup
        _ = tag.truncations
    }
    _ = Normalization.nfc(text)
    _ = WordTokenizer.words(Normalization.foldKey(text))
    _ = WordTokenizer.tokens(text)
    _ = SearchKeys.queryKeys(for: text)
    _ = SearchKeys.keys(for: text)
    _ = SearchKeys.keys(for: text, language: russian)
    _ = NameTransliteration.transliterate(text, into: nameLanguages)

    // The two halves as a query and a stored segment, with a minimum from the first byte.
    let half = size / 2
    let query = ComparableText(String(decoding: UnsafeBufferPointer(rebasing: bytes[..<half]), as: UTF8.self))
    let candidate = ComparableText(String(decoding: UnsafeBufferPointer(rebasing: bytes[half...]), as: UTF8.self))
    // The first half as a term, found in any form in the second.
    var inflected = InflectedTermMatcher<Int>(stemmer: .russian)
    inflected.insert(query.nfc, value: 0)
    for hit in inflected.matches(in: candidate.nfc) {
        precondition(hit.offset >= 0 && hit.length > 0 && hit.offset + hit.length <= candidate.nfc.unicodeScalars.count)
    }
    let minimum = Int(bytes[0]) % 101
    if let score = MatchScore.compute(query: query, candidate: candidate, minimum: minimum) {
        precondition((minimum...100).contains(score.value), "score \(score.value) outside \(minimum)...100")
    }

    // Two schemes picked by the first and last bytes, so every scheme is reached.
    let schemes = Transliteration.schemes
    for selector in [bytes[0], bytes[size - 1]] {
        _ = try? Transliteration.transliterate(text, scheme: schemes[Int(selector) % schemes.count])
    }
    return 0
}
