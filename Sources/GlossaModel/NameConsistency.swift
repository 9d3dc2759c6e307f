import Foundation
import GlossaText

/// Checks that the names of a glossary agree across scripts, as a newsroom's names list must: the
/// romanized Russian form of a Russian name is its English form, and the pinyin and Palladius
/// forms of a Chinese name are its English and Russian forms, unless the entry is a listed
/// conventional exception (`Sun Yat-sen`, `Tchaikovsky`, `Пекин`). This catches typos and wrong
/// characters in hand-compiled data.
///
/// The checks read the concept's id, `KIND-ORIGIN-slug`, where ORIGIN is the language the name
/// comes from (`ru`, `uk`, `zh`, or `xx` for any other); concepts with other ids are not checked.
public struct NameConsistency: Sendable {
    /// The outcome of one check of one concept.
    public enum Outcome: String, Sendable, Hashable, CaseIterable {
        /// The forms agree letter for letter after folding.
        case exact
        /// They agree in their consonants (press spellings: Dostoevsky / Dostoyevskiy).
        case press
        /// They differ, and the exceptions list says why.
        case exception
        /// They differ with no listed reason: an error in the data or a missing exception.
        case mismatch
    }

    public struct Finding: Sendable, Hashable {
        public let conceptID: String
        /// `en` or `ru`: which form was compared.
        public let check: String
        public let outcome: Outcome
        public let detail: String
    }

    public struct Exception: Sendable, Hashable {
        public let conceptID: String
        public let check: String
        public let reason: String

        public init(conceptID: String, check: String, reason: String) {
            self.conceptID = conceptID
            self.check = check
            self.reason = reason
        }
    }

    /// Exceptions by concept id and check.
    let exceptions: [String: Exception]

    public init(exceptions: [Exception]) {
        self.exceptions = Dictionary(exceptions.map { ("\($0.conceptID)\t\($0.check)", $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Reads an exceptions file: `ID<TAB>CHECK<TAB>REASON` a line, `#` comments.
    public static func exceptions(fromFile text: String) -> [Exception] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let fields = line.split(separator: "\t", maxSplits: 2).map(String.init)
            guard fields.count == 3, !fields[2].trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
            return Exception(conceptID: fields[0], check: fields[1], reason: fields[2])
        }
    }

    /// The name's origin from the concept id (`person-ru-boris-yeltsin` → `ru`), if the id says one.
    public static func origin(of concept: Concept) -> String? {
        guard let id = concept.id else { return nil }
        let parts = id.split(separator: "-", maxSplits: 2)
        guard parts.count == 3, ["person", "place", "org"].contains(parts[0]), ["ru", "uk", "zh", "xx"].contains(parts[1]) else { return nil }
        return String(parts[1])
    }

    /// The structural rules every checked entry keeps: en, ru and zh-CN each with one preferred
    /// term, no empty or untrimmed term, no term twice. Returns the problems.
    public static func structuralProblems(of concept: Concept) -> [String] {
        var problems: [String] = []
        for language in ["en", "ru", "zh-CN"] {
            let preferred = concept.terms.filter { $0.language.canonical == language && $0.status == .preferred }
            if preferred.count != 1 { problems.append("\(preferred.count) preferred \(language) terms") }
        }
        for term in concept.terms where term.text.isEmpty || term.text != term.text.trimmingCharacters(in: .whitespacesAndNewlines) {
            problems.append("term '\(term.text)' is empty or has spaces around it")
        }
        var seen = Set<String>()
        for term in concept.terms where !seen.insert("\(term.language.canonical)\t\(term.text)").inserted {
            problems.append("term '\(term.text)' (\(term.language.canonical)) twice")
        }
        return problems
    }

    /// The romanization checks of one concept (none for `uk` and `xx` origins or unchecked ids).
    public func check(_ concept: Concept) -> [Finding] {
        guard let origin = Self.origin(of: concept), let id = concept.id,
            let english = preferred(concept, "en"), let russian = preferred(concept, "ru")
        else { return [] }
        switch origin {
        case "ru":
            let romanized = ["bgn-pcgn", "plain"].compactMap { Transliteration.transliterate(russian, schemeNamed: $0) }
            if romanized.contains(where: { Self.foldLatin($0) == Self.foldLatin(english) }) {
                return [finding(id, "en", .exact, english)]
            }
            if romanized.contains(where: { Self.skeleton($0) == Self.skeleton(english) }) {
                return [finding(id, "en", .press, english)]
            }
            return [finding(id, "en", nil, "'\(english)' is not a romanization of '\(russian)' (BGN/PCGN: \(romanized.first ?? "?"))")]
        case "zh":
            guard let chinese = preferred(concept, "zh-CN") else { return [] }
            let reading = preferred(concept, "zh-Latn-pinyin") ?? Transliteration.transliterate(chinese, schemeNamed: "pinyin-names") ?? ""
            var findings: [Finding] = []
            findings.append(
                Self.foldLatin(reading) == Self.foldLatin(english)
                    ? finding(id, "en", .exact, english)
                    : finding(id, "en", nil, "'\(english)' is not the pinyin '\(reading)' of \(chinese)"))
            let palladius = (try? Transliteration.transliterator(Self.pinyinToPalladius).transliterate(reading.lowercased())) ?? ""
            findings.append(
                Self.foldCyrillic(palladius) == Self.foldCyrillic(russian)
                    ? finding(id, "ru", .exact, russian)
                    : finding(id, "ru", nil, "'\(russian)' is not the Palladius form '\(palladius)' of \(reading)"))
            return findings
        default:
            return []
        }
    }

    /// ICU's pinyin-to-Palladius transform.
    static let pinyinToPalladius = "zh_Latn_PINYIN-ru"

    private func finding(_ id: String, _ check: String, _ outcome: Outcome?, _ detail: String) -> Finding {
        guard let outcome else {
            if let exception = exceptions["\(id)\t\(check)"] {
                return Finding(conceptID: id, check: check, outcome: .exception, detail: exception.reason)
            }
            return Finding(conceptID: id, check: check, outcome: .mismatch, detail: detail)
        }
        return Finding(conceptID: id, check: check, outcome: outcome, detail: detail)
    }

    /// Whether an exception is listed for a check that passes without it (a stale exception hides nothing, but misleads).
    public func isListed(_ id: String, _ check: String) -> Bool {
        exceptions["\(id)\t\(check)"] != nil
    }

    private func preferred(_ concept: Concept, _ language: String) -> String? {
        concept.terms.first { $0.language.canonical == language && $0.status == .preferred }?.text
    }

    /// Latin letters a–z only: accents, tone marks, case, spaces and punctuation go.
    public static func foldLatin(_ text: String) -> String {
        String(Transliteration.toASCII(text).lowercased().unicodeScalars.filter { ("a"..."z").contains($0) }.map(Character.init))
    }

    /// Cyrillic letters only, ё as е, without ъ and ь.
    public static func foldCyrillic(_ text: String) -> String {
        String(
            text.lowercased().replacingOccurrences(of: "ё", with: "е").unicodeScalars
                .filter { ("а"..."я").contains($0) && $0 != "ъ" && $0 != "ь" }.map(Character.init))
    }

    /// The consonants of a Latin form (x as ks): what press spellings of one Russian name share.
    public static func skeleton(_ text: String) -> String {
        String(foldLatin(text).replacingOccurrences(of: "x", with: "ks").filter { !"aeiouyj".contains($0) })
    }
}
