import Foundation
import GlossaFormats
import GlossaTestSupport
import Testing

@Suite struct MemoryFileFormatTests {
    @Test("A TMX file is told by its name, and an upload without one by its root element")
    func tmxByNameAndByContent() throws {
        let original = Fixtures.corpusFile("tmx/okapi-framework_okapi/sample14b.tmx")
        #expect(MemoryFileFormat.named(original) == .tmx)
        let upload = try Fixtures.write(try Data(contentsOf: URL(fileURLWithPath: original)), name: "upload")
        #expect(MemoryFileFormat.named(upload) == nil)
        #expect(MemoryFileFormat.of(upload) == .tmx)
        var units = 0
        let reader = try MemoryFileFormat.of(upload).reader(path: upload)
        while let item = try reader.next() { if case .unit = item { units += 1 } }
        #expect(units == 25)  // MANIFEST.md: 25 tu
    }

    @Test("A file that is no memory is read as TMX, whose reader names what it is")
    func unknownContentIsReadAsTMX() throws {
        let tbx = try Fixtures.write("<?xml version=\"1.0\"?>\n<!-- a glossary -->\n<tbx type=\"TBX-Basic\"><text/></tbx>", name: "upload")
        #expect(MemoryFileFormat.of(tbx) == .tmx)
        #expect(throws: FormatError.wrongRoot(found: "tbx", expected: "tmx")) {
            _ = try MemoryFileFormat.of(tbx).reader(path: tbx).next()
        }
    }
}
