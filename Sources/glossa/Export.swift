import ArgumentParser
import Foundation
import GlossaStore
import GlossaText

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the translation memory as TMX 1.4b to standard output.",
        discussion: """
            With --from and --to, only units holding both languages, with just those two; \
            without them, every unit with all its languages. --glossary writes the glossary as \
            TBX-Basic (TBX v3) instead.

              glossa export --from en --to ru > en-ru.tmx
              glossa export --glossary > glossary.tbx
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var scope: ScopeOptions

    @Option(help: ArgumentHelp("Source language.", valueName: "tag"))
    var from: LanguageTag?

    @Option(help: ArgumentHelp("Target language (needs --from).", valueName: "tag"))
    var to: LanguageTag?

    @Flag(help: "Export the glossary as TBX instead of the translation memory.")
    var glossary = false

    func validate() throws {
        if to != nil, from == nil { throw ValidationError("--to needs --from") }
        if glossary, from != nil { throw ValidationError("--glossary exports every language: drop --from/--to") }
    }

    func run() async throws {
        let output = FileHandle.standardOutput
        if glossary {
            do {
                let count = try await database.openGlossary().exportTBX { chunk in output.write(Data(chunk.utf8)) }
                Output.error("exported \(count) concepts")
            } catch let error as CLIError { throw error } catch { throw CLIError("\(error)") }
            return
        }
        let memory = try await database.open()
        do {
            let count = try await memory.export(source: from, target: to, scope: try await scope.scope(of: memory)) { chunk in
                output.write(Data(chunk.utf8))
            }
            Output.error("exported \(count) units")
        } catch { throw CLIError("\(error)") }
    }
}
