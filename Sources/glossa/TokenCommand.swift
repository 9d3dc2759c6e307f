import ArgumentParser
import Foundation
import GlossaStore

/// `glossa token create|list|revoke`: access tokens, managed on the database itself (the server
/// reads them on every request, so a change holds at once on every server of the database).
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Create, list and revoke access tokens for the HTTP API.",
        discussion: """
            The server's own token (glossa serve --token, or GLOSSA_TOKEN) is the admin's and can do \
            everything. Access tokens give others less: a glossary-write token edits the glossary \
            (concepts and glossary imports); a memory token reads, or reads and writes, one named \
            memory. Clients send either as 'Authorization: Bearer <token>'. Only a hash of each token \
            is stored: the token itself is printed once, when it is created, and cannot be shown again.

              glossa token create --memory client-acme --read --note "Acme's CAT tool"
              glossa token create --glossary-write --note "terminologists"
              glossa token list
              glossa token revoke 3
            """,
        subcommands: [TokenCreate.self, TokenList.self, TokenRevoke.self])
}

extension AccessTokenView {
    /// `memory client-acme (read)` or `glossary-write`.
    var grants: String {
        guard let memory, let rights else { return scope }
        return "memory \(memory) (\(rights))"
    }
}
