import Foundation
import GlossaFormats
import GlossaTestSupport
import Testing

@Suite struct XMLByteScannerTests {
    /// The corpus files in UTF-8 (or ASCII): the ones a rewrite may be asked to copy.
    static func utf8Files() throws -> [String] {
        let folders = ["tmx", "tbx", "xliff"]
        var files: [String] = []
        for folder in folders {
            let root = Fixtures.corpus.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(atPath: root.path) else { continue }
            for case let relative as String in walker {
                let path = root.appendingPathComponent(relative).path
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                    let data = FileManager.default.contents(atPath: path), !data.isEmpty,
                    !data.starts(with: [0xFF, 0xFE]), !data.starts(with: [0xFE, 0xFF]), String(data: data, encoding: .utf8) != nil
                else { continue }
                files.append(path)
            }
        }
        return files.sorted()
    }

    @Test("Every UTF-8 file of the corpus comes back byte for byte from the scanner's tokens, comments, CDATA and doctypes included")
    func tokensGiveTheFileBack() throws {
        let files = try Self.utf8Files()
        #expect(files.count > 40)
        for path in files {
            let scanner = try XMLByteScanner(path: path)
            var bytes: [UInt8] = []
            while let token = scanner.next() { bytes += token.bytes }
            #expect(bytes == Array(FileManager.default.contents(atPath: path)!), "\(path)")
        }
    }

    @Test("Every XLIFF file of the corpus is written back byte for byte when no unit is rewritten")
    func unitsGiveTheFileBack() throws {
        for path in try Self.utf8Files() where path.contains("/xliff/") {
            var bytes: [UInt8] = []
            let scanner = try XLIFFUnitScanner(path: path) { bytes += $0 }
            var units = 0
            while let unit = try scanner.nextUnit() {
                try scanner.write(unit)
                units += 1
            }
            try scanner.finish()
            #expect(bytes == Array(FileManager.default.contents(atPath: path)!), "\(path)")
            #expect(units > 0, "\(path)")
        }
    }

    @Test("Attribute values are decoded, and where they sit in the tag is known, whichever quotes they use")
    func attributes() throws {
        let scanner = XMLByteScanner(bytes: Array(#"<segment id='s&amp;1' state="a &gt; b"/>"#.utf8))
        let token = try #require(scanner.next())
        #expect(token.kind == .emptyTag)
        #expect(token.name == "segment")
        #expect(token.attribute("id") == "s&1")
        let state = try #require(token.attributes.first { $0.name == "state" })
        #expect(state.value == "a > b")
        #expect(String(decoding: token.bytes[state.range], as: UTF8.self) == "a &gt; b")
    }
}
