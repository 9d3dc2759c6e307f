import ArgumentParser

@main
struct Glossa: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "glossa",
        abstract: "A multilingual translation-memory server and CLI.",
        discussion: """
            Import the TMX files your CAT tools export, then look up earlier translations of a \
            sentence, exact or fuzzy, here or over HTTP (glossa serve).

              glossa import memories/ project.tmx.gz
              glossa lookup "Putin arrived in Beijing" --from en --to ru
              glossa name 普京 --to en,ru
              glossa translit "Си Цзиньпин" --scheme bgn-pcgn
              glossa serve --port 8080
            """,
        subcommands: [
            Serve.self, Import.self, MemoryCommand.self, Imports.self, UnitCommand.self, Dedupe.self, Lookup.self, Concordance.self,
            Pretranslate.self, Export.self,
            Copy.self, Stats.self, Name.self,
            Translit.self, Annotate.self,
            Check.self,
            CLDRGlossaryCommand.self, TokenCommand.self,
        ]
    )
}
