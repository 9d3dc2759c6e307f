import ArgumentParser
import Foundation
import GlossaStore

struct TokenList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the access tokens: id, what each grants, note, when created and revoked (never the tokens themselves).")

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Print JSON.")
    var json = false

    func run() async throws {
        let store = try await database.openStore()
        let records: [AccessTokenRecord]
        do {
            records = try await AccessTokens(store: store).list()
            try await store.close()
        } catch { throw CLIError("\(error)") }
        let tokens = records.map(AccessTokenView.init)
        if json { return try Output.json(tokens) }
        guard !tokens.isEmpty else { return Output.line("no access tokens (create one with 'glossa token create')") }
        for token in tokens {
            let state = token.revokedAt.map { "revoked \($0)" } ?? "valid"
            Output.line("\(String(token.id).padding(toLength: 5, withPad: " ", startingAt: 0)) \(token.grants)  created \(token.createdAt)  \(state)")
            if let note = token.note { Output.line("      \(note)") }
        }
    }
}
