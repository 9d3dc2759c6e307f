import ArgumentParser
import GlossaText

struct Translit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Transliterate text by a named standard (through ICU).",
        discussion: """
            glossa translit --list shows the schemes.

              glossa translit "Владимир Путин" --scheme bgn-pcgn      # Vladimir Putin
              glossa translit 习近平 --scheme pinyin-names              # Xí Jìnpíng
              glossa translit Путин --scheme gbt17693                   # 普京
            """)

    @Argument(help: "The text (several names: one per line).")
    var text: String?

    @Option(help: "The scheme's name.")
    var scheme: String?

    @Flag(help: "List the schemes.")
    var list = false

    func validate() throws {
        if list { return }
        guard text != nil, let scheme else { throw ValidationError("give a text and --scheme, or --list") }
        guard Transliteration.scheme(named: scheme) != nil else {
            throw ValidationError("unknown scheme '\(scheme)'; one of: \(Transliteration.schemes.map(\.name).joined(separator: ", "))")
        }
    }

    func run() throws {
        if list {
            for scheme in Transliteration.schemes {
                Output.line(
                    "\(scheme.name.padding(toLength: 24, withPad: " ", startingAt: 0)) \(scheme.from) → \(scheme.to)  \(scheme.title)  [ICU: \(scheme.icu)]"
                )
            }
            return
        }
        do {
            Output.line(try Transliteration.transliterate(text!, scheme: Transliteration.scheme(named: scheme!)!))
        } catch { throw CLIError("\(error)") }
    }
}
