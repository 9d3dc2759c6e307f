import Foundation

/// The first pass over an XLIFF file to be rewritten: libxml2 reads it whole, refusing DTD
/// entities and anything not well-formed, so that the byte scanner of the second pass
/// (`XLIFFUnitScanner`) only ever meets a document it can split safely.
public enum XLIFFCheck {
    /// What the check learnt.
    public struct Summary: Sendable {
        public let version: XLIFFVersion
        /// `<trans-unit>`s or `<unit>`s.
        public let units: Int
    }

    public static func check(path: String) throws -> Summary {
        try checkEncoding(path: path)
        let xml = try XMLStreamReader(path: path)
        guard let first = try xml.next() else { throw FormatError.emptyFile }
        guard case .startElement(let root, _, let attributes, _) = first else { throw FormatError.emptyFile }
        guard root == "xliff" else { throw XLIFFError.notXLIFF(root: root) }
        let versionAttribute = attributes.first { $0.name == "version" }?.value ?? ""
        let namespace = attributes.first { $0.name == "xmlns" || $0.name.hasPrefix("xmlns:") && $0.value.contains(":xliff:document:") }?.value ?? ""
        let version: XLIFFVersion = versionAttribute.hasPrefix("2") || namespace.contains(":xliff:document:2") ? .v2 : .v1
        let unitName = version == .v1 ? "trans-unit" : "unit"
        var units = 0
        while let node = try xml.next() {
            if case .startElement(let name, _, _, _) = node, name == unitName { units += 1 }
        }
        return Summary(version: version, units: units)
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
