import Foundation

/// The first pass over an XLIFF file to be rewritten: `XLIFFReader` (the reader imports use) reads
/// it whole through libxml2, refusing DTD entities and anything not well-formed, so that the byte
/// scanner of the second pass (`XLIFFUnitScanner`) only ever meets a document it can split safely,
/// and the file a pre-translation accepts is one an import accepts.
public enum XLIFFCheck {
    /// What the check learnt.
    public struct Summary: Sendable {
        public let version: XLIFFVersion
        /// Segments the reader found (each `<mrk mtype="seg">` of a `<seg-source>` counted).
        public let segments: Int
    }

    public static func check(path: String) throws -> Summary {
        try checkEncoding(path: path)
        let reader = try XLIFFReader(path: path)
        var segments = 0
        while try reader.nextSegment() != nil { segments += 1 }
        return Summary(version: reader.version, segments: segments)
    }

    /// The byte scanner reads UTF-8 (or ASCII) only: a UTF-16 file or another declared encoding is
    /// refused with what to do about it.
    private static func checkEncoding(path: String) throws {
        guard let sniff = FileSniff(path: path) else { throw FormatError.cannotOpen(path: path) }
        let bytes = sniff.bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(sniff.bytes.dropFirst(3)) : sniff.bytes
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { throw XLIFFError.notUTF8(encoding: "UTF-16") }
        guard bytes.starts(with: Array("<?xml".utf8)), let end = bytes.firstIndex(of: UInt8(ascii: ">"))
        else { return }
        let declaration = XMLToken(kind: .startTag, bytes: Array(bytes[..<end]), name: "?xml")
        if let encoding = declaration.attribute("encoding"), !["utf-8", "utf8", "us-ascii", "ascii"].contains(encoding.lowercased()) {
            throw XLIFFError.notUTF8(encoding: encoding)
        }
    }
}
