import ArgumentParser
import Foundation
import GlossaStore
import GlossaText

extension GlossaryExportFormat: ExpressibleByArgument {}

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the translation memory as TMX 1.4b, or the glossary as TBX, TSV or CSV, to standard output.",
        discussion: """
            With --from and --to, only units holding both languages, with just those two; \
            without them, every unit with all its languages. --memory (or --memories) and the \
            lookup filters (--client, --domain, --project, --prop, --changed-after) choose the \
            units, so a memory can be handed to a CAT tool: OmegaT reads the TMX files of its \
            project's tm/ folder (tm/penalty-10/ to score them 10 points lower).

            --glossary writes the glossary instead, in --format tbx (TBX v3, every language), \
            tbx-2008 (the martif form translate-toolkit, Weblate and older OmegaT read), tsv \
            (OmegaT's glossary: source, target, comment) or csv (Weblate's glossary CSV: \
            source,target,translator_comments). tsv and csv hold one pair, given as --languages \
            source,target, and only the terms to use: deprecated and forbidden terms are left out.

              glossa export --from en --to ru > en-ru.tmx
              glossa export --memory client-acme --from en --to de > omegat/tm/acme.tmx
              glossa export --memories old-tm --changed-after 2024-01-01 > omegat/tm/penalty-10/old.tmx
              glossa export --glossary > glossary.tbx
              glossa export --glossary --format tbx-2008 > glossary-weblate.tbx
              glossa export --glossary --format tsv --languages en,ru > omegat/glossary/glossary.txt
              glossa export --glossary --format csv --languages en,ru > weblate-glossary.csv
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var scope: ScopeOptions

    @Option(help: ArgumentHelp("Export this memory only (the same as --memories NAME).", valueName: "name"))
    var memory: MemoryName?

    @Option(help: ArgumentHelp("Source language.", valueName: "tag"))
    var from: LanguageTag?

    @Option(help: ArgumentHelp("Target language (needs --from).", valueName: "tag"))
    var to: LanguageTag?

    @Flag(help: "Export the glossary instead of the translation memory.")
    var glossary = false

    @Option(help: ArgumentHelp("Glossary format: tbx, tbx-2008, tsv or csv.", valueName: "format"))
    var format: GlossaryExportFormat = .tbx

    @Option(help: ArgumentHelp("The language pair (source,target) of a tsv or csv glossary.", valueName: "tags"))
    var languages: LanguageList?

    func validate() throws {
        if to != nil, from == nil { throw ValidationError("--to needs --from") }
        if memory != nil, scope.memories != nil { throw ValidationError("give --memory or --memories, not both") }
        if glossary {
            if from != nil { throw ValidationError("--glossary exports every language: drop --from/--to (tsv and csv take --languages)") }
            if memory != nil || scope.filters { throw ValidationError("--glossary takes no memory or filter options") }
            if format.needsLanguagePair, languages?.tags.count != 2 {
                throw ValidationError("--format \(format) holds one language pair: give --languages source,target (en,ru)")
            }
        } else if format != .tbx || languages != nil {
            throw ValidationError("--format and --languages choose a glossary export: add --glossary (memories are exported as TMX)")
        }
    }

    func run() async throws {
        let output = FileHandle.standardOutput
        if glossary {
            do {
                let count = try await database.openGlossary().export(format: format, languages: languages?.tags) { chunk in
                    output.write(Data(chunk.utf8))
                }
                Output.error("exported \(count) \(format.needsLanguagePair ? "rows" : "concepts")")
            } catch let error as CLIError { throw error } catch { throw CLIError("\(error)") }
            return
        }
        let memory = try await database.open()
        do {
            var scope = scope
            if let name = self.memory { scope.memories = name.value }
            let count = try await memory.export(source: from, target: to, scope: try await scope.scope(of: memory)) { chunk in
                output.write(Data(chunk.utf8))
            }
            Output.error("exported \(count) units")
        } catch { throw CLIError("\(error)") }
    }
}
