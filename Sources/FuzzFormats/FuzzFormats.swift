import Foundation
import FuzzDriver
import GlossaFormats
import GlossaText

/// Feeds arbitrary bytes to the TMX, XLIFF, gettext PO, TBX and CSV/TSV readers and to the byte
/// scanner of pre-translation (whose tokens must give the bytes back, and whose unit copy must give
/// back any file the XLIFF check accepts). The readers take paths (they stream from files), so each
/// input is written to one scratch file. A reader may throw a `FormatError`; anything else (a trap,
/// a hang, memory without bound) is a bug that libFuzzer reports.
@main
enum FuzzFormats {
    static func main() { FuzzDriver.run(fuzz) }
}

/// The scratch file, in `$TMPDIR` (fuzz.sh points it at its own folder and removes it).
private let inputPath: String = {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("glossa-fuzz-\(getpid())")
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    // `.csv`: the table reader then picks the delimiter from the first line (tab, semicolon, comma).
    return directory.appendingPathComponent("input.csv").path
}()

private let tableLanguages = [try! LanguageTag("en"), try! LanguageTag("ru")]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Data(bytes: $0, count: size) } ?? Data()
    guard FileManager.default.createFile(atPath: inputPath, contents: bytes) else { fatalError("cannot write \(inputPath)") }
    drain { () throws(FormatError) in
        let reader = try TMXReader(path: inputPath)
        while try reader.next() != nil {}
    }
    drain { () throws(FormatError) in
        let reader = try XLIFFReader(path: inputPath)
        while try reader.next() != nil {}
    }
    let scanner = try! XMLByteScanner(path: inputPath)
    var scanned = Data()
    while let token = scanner.next() { scanned.append(contentsOf: token.bytes) }
    precondition(scanned == bytes, "the byte scanner's tokens do not give the input back")
    if (try? XLIFFCheck.check(path: inputPath)) != nil {
        var copied = Data()
        let units = try! XLIFFUnitScanner(path: inputPath) { copied.append(contentsOf: $0) }
        while let unit = try! units.nextUnit() { try! units.write(unit) }
        try! units.finish()
        precondition(copied == bytes, "an XLIFF file copied unit by unit is not the same file")
    }
    drain { () throws(FormatError) in
        let reader = try TBXReader(path: inputPath)
        while try reader.next() != nil {}
    }
    drain { () throws(FormatError) in
        let reader = try GlossaryTableReader(path: inputPath, languages: tableLanguages)
        while try reader.next() != nil {}
    }
    drain { () throws(FormatError) in
        let reader = try POReader(path: inputPath, languages: tableLanguages)
        while try reader.next() != nil {}
    }
    return 0
}

/// Reads to the end or to the first format error, which is the expected answer to a bad file.
private func drain(_ read: () throws(FormatError) -> Void) {
    do { try read() } catch {}
}
