import ArgumentParser
import Foundation
import GlossaStore

struct TokenRevoke: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke",
        abstract: "Revoke an access token: requests with it are refused (401) from the next one on.",
        discussion: """
            The id is the one 'glossa token list' shows. The token stays in the list, marked revoked.

              glossa token revoke 3
            """)

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "The token's id.")
    var id: Int64

    func validate() throws {
        guard id > 0 else { throw ValidationError("a token id is a positive integer, as 'glossa token list' shows it") }
    }

    func run() async throws {
        let store = try await database.openStore()
        let revoked: Bool
        do {
            revoked = try await AccessTokens(store: store).revoke(id: id)
            try await store.close()
        } catch { throw CLIError("\(error)") }
        guard revoked else { throw CLIError("there is no token \(id) ('glossa token list' shows the ids)") }
        Output.line("token \(id) revoked")
    }
}
