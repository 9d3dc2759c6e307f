import Foundation
import GlossaFormats
import GlossaModel

/// What a glossary import did with one file.
public struct GlossaryImportReport: Sendable, Codable {
    public var origin: String
    public var dryRun: Bool
    public var conceptsRead = 0
    public var imported = 0
    public var duplicates = 0
    public var rejected: [UnitIssue] = []
    public var skippedTerms: [UnitIssue] = []
    public var terms = 0
    public var languages: [String: Int] = [:]
    public var seconds: Double = 0
}

/// The glossary: concepts with terms in many languages, found by name in any script.
public struct Glossary: Sendable {
    public let store: any GlossaryStore
    let automata = AutomatonCache()

    public init(store: any GlossaryStore) {
        self.store = store
    }
}
