import ArgumentParser
import Foundation
import GlossaModel
import GlossaStore

struct TokenCreate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create an access token and print it (once: it cannot be shown again).",
        discussion: """
            Give either --memory NAME with --read or --read-write, or --glossary-write. A memory name \
            is \(MemoryName.rule). The token is printed on standard output alone on its line, so \
            that a script can capture it; keep it in a password manager or a secret store.

              glossa token create --memory client-acme --read-write --note "Acme"
              TOKEN=$(glossa token create --glossary-write --quiet)
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("The memory the token opens (with --read or --read-write).", valueName: "name"))
    var memory: String?

    @Flag(help: "The memory token may read the memory.")
    var read = false

    @Flag(help: "The memory token may read and write the memory.")
    var readWrite = false

    @Flag(help: "The token may edit the glossary (concepts, glossary imports), nothing more.")
    var glossaryWrite = false

    @Option(help: ArgumentHelp("Who holds it or what it is for (at most 200 characters).", valueName: "text"))
    var note: String?

    @Flag(help: "Print the token only, without the reminder.")
    var quiet = false

    @Flag(help: "Print JSON: the token's record and its secret.")
    var json = false

    func validate() throws {
        _ = try scope()
    }

    /// The scope the flags describe, or why they describe none.
    func scope() throws -> TokenScope {
        switch (memory, glossaryWrite) {
        case (nil, false):
            throw ValidationError("say what the token may do: --memory NAME with --read or --read-write, or --glossary-write")
        case (.some, true):
            throw ValidationError("a token is for one memory (--memory) or for the glossary (--glossary-write), not both")
        case (nil, true):
            guard !read, !readWrite else { throw ValidationError("--read and --read-write go with --memory") }
            return .glossaryWrite
        case (.some(let text), false):
            guard let name = try? MemoryName(text) else { throw ValidationError("--memory '\(text)': a memory name is \(MemoryName.rule)") }
            switch (read, readWrite) {
            case (true, false): return .memory(name, .read)
            case (false, true): return .memory(name, .readWrite)
            default: throw ValidationError("a memory token needs exactly one of --read and --read-write")
            }
        }
    }

    func run() async throws {
        let store = try await database.openStore()
        let issued: AccessTokens.Issued
        do {
            issued = try await AccessTokens(store: store).create(scope: try scope(), note: note)
            try await store.close()
        } catch { throw CLIError("\(error)") }
        if json { return try Output.json(CreatedToken(token: AccessTokenView(issued.record), secret: issued.secret)) }
        Output.line(issued.secret)
        guard !quiet else { return }
        let token = AccessTokenView(issued.record)
        Output.error("token \(token.id): \(token.grants)\(token.note.map { " — \($0)" } ?? "")")
        Output.error("This token is shown only once: copy it now. Only its hash is stored; revoke it with 'glossa token revoke \(token.id)'.")
    }
}

struct CreatedToken: Encodable {
    let token: AccessTokenView
    let secret: String
}
