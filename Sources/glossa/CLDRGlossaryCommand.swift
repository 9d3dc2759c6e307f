import ArgumentParser
import Foundation
import GlossaFormats
import GlossaText

struct CLDRGlossaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cldr-glossary",
        abstract: "Write a glossary of country, language, script and city names from ICU's CLDR data (TBX).",
        discussion: """
            Every name comes from the CLDR data built into ICU: display names of ISO 3166 regions, \
            of the languages ICU has locales for and of ISO 15924 scripts, and the exemplar cities of \
            the time zones. Each becomes a concept with one preferred term per language; entries \
            named in fewer than two of the languages are left out. glossary/cldr-names.tbx is made \
            by the first example, so anyone can regenerate it.

              glossa cldr-glossary --output glossary/cldr-names.tbx
              glossa cldr-glossary --languages en,ru,zh-CN --sections regions,cities > places.tbx
              glossa import places.tbx
            """)

    static let defaultLanguages = "en,ru,zh-CN,uk,de,fr,es,ja"

    @Option(help: ArgumentHelp("The languages to name things in.", valueName: "tags"))
    var languages = LanguageList(argument: defaultLanguages)!

    @Option(help: ArgumentHelp("What to include: regions, languages, scripts, cities.", valueName: "list"))
    var sections = "regions,languages,scripts,cities"

    @Option(help: ArgumentHelp("Write here instead of standard output.", valueName: "path"))
    var output: String?

    func run() throws {
        var chosen: [CLDRGlossary.Section] = []
        for name in sections.split(separator: ",") {
            guard let section = CLDRGlossary.Section(rawValue: String(name)) else {
                throw ValidationError(
                    "unknown section '\(name)'; choose from "
                        + CLDRGlossary.Section.allCases.map(\.rawValue).joined(separator: ", "))
            }
            chosen.append(section)
        }
        guard languages.tags.count >= 2 else { throw ValidationError("--languages needs at least two languages") }
        let glossary = CLDRGlossary(languages: languages.tags, sections: chosen)

        let handle: FileHandle
        if let output {
            guard FileManager.default.createFile(atPath: output, contents: nil), let file = FileHandle(forWritingAtPath: output) else {
                throw CLIError("cannot write '\(output)'")
            }
            handle = file
        } else {
            handle = FileHandle.standardOutput
        }
        defer { if output != nil { try? handle.close() } }
        let counts = try glossary.writeTBX { chunk in handle.write(Data(chunk.utf8)) }
        Output.error("wrote " + counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", "))
    }
}
