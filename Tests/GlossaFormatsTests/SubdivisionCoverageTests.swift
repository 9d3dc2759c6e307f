import Foundation
import GlossaFormats
import GlossaModel
import GlossaTestSupport
import GlossaText
import Testing

/// The shipped places against data of this machine: Debian's iso-codes lists the ISO 3166-2
/// subdivisions with their names in Russian and Chinese; every Russian, Chinese and Ukrainian one
/// must be a term of the glossary (the Russian names for Russia and Ukraine, the Chinese for China).
@Suite struct SubdivisionCoverageTests {
    static let isoCodes = URL(fileURLWithPath: "/usr/share/iso-codes/json/iso_3166-2.json")

    /// Names of iso-codes that the glossary has in another form on purpose, with the reason.
    static let differences: [String: String] = [
        "RU-KK": "iso-codes writes Хакассия; the republic's name is Хакасия",
        "RU-UD": "iso-codes writes Республика Удмуртия; the official name is Удмуртская Республика",
        "CN-TW": "台湾省 is the PRC's designation; the glossary records 台湾",
    ]

    @Test(arguments: [("RU-", "ru", "ru"), ("CN-", "zh_CN", "zh-CN"), ("UA-", "ru", "ru")])
    func everySubdivisionIsAGlossaryTerm(prefix: String, locale: String, language: String) throws {
        guard FileManager.default.fileExists(atPath: Self.isoCodes.path) else {
            Issue.record("Debian's iso-codes is not installed (.ci/run installs it)")
            return
        }
        let subdivisions = try JSONDecoder().decode([String: [Subdivision]].self, from: Data(contentsOf: Self.isoCodes))["3166-2"] ?? []
        let translations = try MessageCatalog(path: "/usr/share/locale/\(locale)/LC_MESSAGES/iso_3166-2.mo")
        var terms = Set<String>()
        for path in try Fixtures.shippedGlossaryFiles() {
            let reader = try TBXReader(path: path)
            while let item = try reader.next() {
                guard case .concept(let concept, _) = item else { continue }
                for term in concept.terms where term.language.canonical == language { terms.insert(Self.fold(term.text)) }
            }
        }
        var checked = 0
        var missing: [String] = []
        for subdivision in subdivisions where subdivision.code.hasPrefix(prefix) {
            guard let name = translations[subdivision.name], Self.differences[subdivision.code] == nil else { continue }
            checked += 1
            let folded = Self.fold(name)
            // An official name may carry more after the part iso-codes gives (Республика Саха (Якутия)).
            if !terms.contains(where: { $0 == folded || $0.hasPrefix(folded + " ") }) { missing.append("\(subdivision.code) \(name)") }
        }
        print("subdivisions: \(prefix) \(checked) checked against iso-codes (\(locale)), \(missing.count) missing")
        #expect(checked >= 24)
        #expect(missing.isEmpty, "\(missing)")
    }

    struct Subdivision: Decodable {
        let code: String
        let name: String
    }

    /// Lower case, dashes as spaces, brackets dropped: the forms differ in these alone.
    static func fold(_ text: String) -> String {
        let spaced = text.lowercased().map { "—–-()".contains($0) ? " " : $0 }
        return String(spaced).split(separator: " ").joined(separator: " ")
    }
}

/// A GNU gettext .mo catalogue: the original and translated strings, looked up by original.
struct MessageCatalog {
    private var translations: [String: String] = [:]

    init(path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let bytes = [UInt8](data)
        func word(_ offset: Int, bigEndian: Bool) -> Int {
            guard offset + 4 <= bytes.count else { return 0 }
            let value = bytes[offset..<offset + 4].enumerated().reduce(UInt32(0)) { sum, next in
                sum | UInt32(next.element) << (bigEndian ? UInt32(24 - 8 * next.offset) : UInt32(8 * next.offset))
            }
            return Int(value)
        }
        let bigEndian = word(0, bigEndian: false) != 0x9504_12de
        let count = word(8, bigEndian: bigEndian)
        let originals = word(12, bigEndian: bigEndian), translated = word(16, bigEndian: bigEndian)
        func string(table: Int, index: Int) -> String? {
            let length = word(table + 8 * index, bigEndian: bigEndian), offset = word(table + 8 * index + 4, bigEndian: bigEndian)
            guard offset + length <= bytes.count else { return nil }
            return String(decoding: bytes[offset..<offset + length], as: UTF8.self)
        }
        for index in 0..<count {
            guard let original = string(table: originals, index: index), let translation = string(table: translated, index: index) else { continue }
            translations[original] = translation
        }
    }

    subscript(original: String) -> String? {
        translations[original].flatMap { $0.isEmpty || $0 == original ? nil : $0 }
    }
}
