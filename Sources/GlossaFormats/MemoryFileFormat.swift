import Foundation
import GlossaText

/// The file formats a translation memory imports, told apart by name and, for uploads that have
/// none, by their first bytes.
public enum MemoryFileFormat: String, Sendable, CaseIterable, CustomStringConvertible {
    case tmx
    case po
    case xliff

    public var description: String { rawValue.uppercased() }

    /// Name endings that folders are searched for (compressed forms included).
    public var fileExtensions: [String] {
        switch self {
        case .tmx: [".tmx", ".tmx.gz"]
        case .po: [".po"]
        case .xliff: [".xlf", ".xliff", ".sdlxliff", ".mqxliff"]
        }
    }

    /// The format a file's name says, nil when it names none of them.
    public static func named(_ path: String) -> MemoryFileFormat? {
        let lower = path.lowercased()
        return allCases.first { format in format.fileExtensions.contains { lower.hasSuffix($0) } }
    }

    /// The format of a file: by its name when that names one, else by its content. A file that is
    /// none of them is read as TMX, whose reader then says what the file is not.
    public static func of(_ path: String) -> MemoryFileFormat {
        if let named = named(path) { return named }
        return FileSniff(path: path).flatMap(sniffed) ?? .tmx
    }

    private static func sniffed(_ sniff: FileSniff) -> MemoryFileFormat? {
        if sniff.isGzip { return .tmx }
        if sniff.isPO { return .po }
        switch sniff.rootElement {
        case "tmx": return .tmx
        case XLIFFReader.rootElement: return .xliff
        default: return nil
        }
    }

    /// A reader of the file in this format. `languages` (source, target) are those of a bilingual
    /// file that does not name them, or names others (TMX and XLIFF say their own and ignore them).
    public func reader(path: String, languages: [LanguageTag]? = nil) throws(FormatError) -> any UnitReader {
        switch self {
        case .tmx: try TMXReader(path: path)
        case .po: try POReader(path: path, languages: languages)
        case .xliff: try XLIFFReader(path: path)
        }
    }
}

/// The start of a file, enough to tell formats apart without parsing it.
struct FileSniff {
    static let prefixBytes = 4_096

    let bytes: [UInt8]

    init?(path: String) {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: Self.prefixBytes) else { return nil }
        bytes = Array(data)
    }

    /// gzip's magic number: compressed files are TMX (`.tmx.gz`), the only compressed format read.
    var isGzip: Bool { bytes.starts(with: [0x1F, 0x8B]) }

    /// The name of the first element (without its prefix) when the file starts as XML in an
    /// ASCII-compatible encoding: declarations, comments and a doctype before it are skipped.
    var rootElement: String? {
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while index < bytes.count {
            guard let open = bytes[index...].firstIndex(of: UInt8(ascii: "<")), open + 1 < bytes.count else { return nil }
            let next = bytes[open + 1]
            if next == UInt8(ascii: "?") || next == UInt8(ascii: "!") {
                guard let close = bytes[open...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
                index = close + 1
                continue
            }
            let nameEnd = bytes[(open + 1)...].firstIndex { !Self.isNameByte($0) } ?? bytes.count
            let qualified = String(decoding: bytes[(open + 1)..<nameEnd], as: UTF8.self)
            return qualified.split(separator: ":").last.map(String.init)
        }
        return nil
    }

    /// The text of the file's first bytes when it is not XML (a PO file's `msgid`, say).
    var text: String { String(decoding: bytes, as: UTF8.self) }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
    }
}
