import Foundation
import GlossaFormats
import GlossaModel
import GlossaTestSupport
import GlossaText
import Testing

/// The shipped names glossaries agree with themselves across scripts (see `NameConsistency`).
@Suite struct NameConsistencyTests {
    struct Report {
        var concepts = 0
        var checkedConcepts = 0
        var outcomes: [NameConsistency.Outcome: Int] = [:]
        var problems: [String] = []
    }

    static func check(_ path: String) throws -> Report {
        let exceptionsPath = path.replacingOccurrences(of: ".tbx", with: ".exceptions")
        let exceptions = NameConsistency.exceptions(fromFile: (try? String(contentsOfFile: exceptionsPath, encoding: .utf8)) ?? "")
        let checker = NameConsistency(exceptions: exceptions)
        var report = Report()
        var ids = Set<String>()
        var used = Set<String>()
        let reader = try TBXReader(path: path)
        while let item = try reader.next() {
            guard case .concept(let concept, let skipped) = item else {
                report.problems.append("rejected entry: \(item)")
                continue
            }
            report.concepts += 1
            guard NameConsistency.origin(of: concept) != nil, let id = concept.id else { continue }
            report.checkedConcepts += 1
            if !ids.insert(id).inserted { report.problems.append("\(id): id twice") }
            if !skipped.isEmpty { report.problems.append("\(id): terms skipped: \(skipped.map(\.reason))") }
            report.problems += NameConsistency.structuralProblems(of: concept).map { "\(id): \($0)" }
            for finding in checker.check(concept) {
                report.outcomes[finding.outcome, default: 0] += 1
                if finding.outcome == .mismatch { report.problems.append("\(id) [\(finding.check)]: \(finding.detail)") }
                if finding.outcome == .exception { used.insert("\(id)\t\(finding.check)") }
                if finding.outcome != .exception, checker.isListed(id, finding.check) {
                    report.problems.append("\(id) [\(finding.check)]: listed as an exception but passes")
                }
            }
        }
        for exception in exceptions where !used.contains("\(exception.conceptID)\t\(exception.check)") && !ids.contains(exception.conceptID) {
            report.problems.append("\(exception.conceptID): exception for an entry the file does not have")
        }
        return report
    }

    @Test func everyShippedNameAgreesWithItsRomanizationsOrIsAListedException() throws {
        var total = Report()
        for path in try Fixtures.shippedGlossaryFiles() {
            let report = try Self.check(path)
            let name = (path as NSString).lastPathComponent
            let counts = NameConsistency.Outcome.allCases.map { "\($0.rawValue) \(report.outcomes[$0, default: 0])" }.joined(separator: ", ")
            print("names consistency: \(name): \(report.concepts) concepts, \(report.checkedConcepts) checked; \(counts)")
            total.concepts += report.concepts
            total.checkedConcepts += report.checkedConcepts
            total.outcomes.merge(report.outcomes, uniquingKeysWith: +)
            total.problems += report.problems.map { "\(name): \($0)" }
        }
        let counts = NameConsistency.Outcome.allCases.map { "\($0.rawValue) \(total.outcomes[$0, default: 0])" }.joined(separator: ", ")
        print("names consistency: all: \(total.concepts) concepts, \(total.checkedConcepts) checked; \(counts)")
        #expect(total.problems.isEmpty, "\(total.problems.prefix(40).joined(separator: "\n"))")
        #expect(total.checkedConcepts > 2_000)
    }

    @Test func aWrongCharacterOrATypoIsCaught() throws {
        let en = try LanguageTag("en"), ru = try LanguageTag("ru"), zh = try LanguageTag("zh-CN")
        let checker = NameConsistency(exceptions: [])
        let typo = Concept(
            id: "person-ru-boris-yeltsin",
            terms: [
                Term(text: "Boris Yeltsin", language: en, status: .preferred), Term(text: "Борис Ельцим", language: ru, status: .preferred),
                Term(text: "鲍里斯·叶利钦", language: zh, status: .preferred),
            ])
        #expect(checker.check(typo).map(\.outcome) == [.mismatch])
        let wrongCharacter = Concept(
            id: "place-zh-wuhan",
            terms: [
                Term(text: "Wuhan", language: en, status: .preferred), Term(text: "Ухань", language: ru, status: .preferred),
                Term(text: "式汉", language: zh, status: .preferred),
            ])
        #expect(checker.check(wrongCharacter).map(\.outcome) == [.mismatch, .mismatch])
        let wrongReading = Concept(
            id: "place-zh-wuhan",
            terms: [
                Term(text: "Wuhan", language: en, status: .preferred), Term(text: "Ухань", language: ru, status: .preferred),
                Term(text: "武汉", language: zh, status: .preferred),
                Term(text: "Wǔhuán", language: try LanguageTag("zh-Latn-pinyin"), status: .preferred),
            ])
        #expect(checker.check(wrongReading).map(\.outcome) == [.mismatch, .mismatch])
        let press = Concept(
            id: "person-ru-fyodor-dostoevsky",
            terms: [
                Term(text: "Fyodor Dostoevsky", language: en, status: .preferred), Term(text: "Фёдор Достоевский", language: ru, status: .preferred),
                Term(text: "费奥多尔·陀思妥耶夫斯基", language: zh, status: .preferred),
            ])
        #expect(checker.check(press).map(\.outcome) == [.press])
        let listed = NameConsistency(exceptions: [.init(conceptID: "person-ru-boris-yeltsin", check: "en", reason: "test")])
        #expect(listed.check(typo).map(\.outcome) == [.exception])
    }
}
