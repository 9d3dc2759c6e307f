import ArgumentParser
import Foundation
import GlossaStore
import GlossaText

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the translation memory as TMX 1.4b to standard output.",
        discussion: """
            With --from and --to, only units holding both languages, with just those two; \
            without them, every unit with all its languages.

              glossa export --from en --to ru > en-ru.tmx
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("Source language.", valueName: "tag"))
    var from: LanguageTag?

    @Option(help: ArgumentHelp("Target language (needs --from).", valueName: "tag"))
    var to: LanguageTag?

    func validate() throws {
        if to != nil, from == nil { throw ValidationError("--to needs --from") }
    }

    func run() throws {
        let memory = try database.open()
        let output = FileHandle.standardOutput
        do {
            let count = try memory.export(source: from, target: to) { chunk in output.write(Data(chunk.utf8)) }
            Output.error("exported \(count) units")
        } catch { throw CLIError("\(error)") }
    }
}
