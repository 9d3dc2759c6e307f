import Foundation

/// Reads a file line by line as bytes, a chunk at a time: line-based formats (gettext PO) are
/// decoded only once their header has named the encoding, and never held whole in memory.
final class ByteLineReader {
    static let chunkBytes = 1 << 16
    /// Longest line read: past it the file is refused (no real PO line comes near it).
    static let maxLineBytes = 10_000_000

    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var start = 0
    /// Where the search for the next line end resumes: a long line is scanned once, not once per chunk.
    private var scanned = 0
    private var atEnd = false
    /// Line number of the last line returned (1-based).
    private(set) var line = 0
    private(set) var bytesConsumed = 0

    init(path: String) throws(FormatError) {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .cannotOpen(path: path) }
        self.handle = handle
    }

    deinit { try? handle.close() }

    /// The next line without its end (`\n` or `\r\n`), nil at the end of the file.
    func next() throws(FormatError) -> ArraySlice<UInt8>? {
        while true {
            if let newline = buffer[max(start, scanned)...].firstIndex(of: UInt8(ascii: "\n")) {
                return take(upTo: newline, skipping: 1)
            }
            scanned = buffer.count
            if atEnd {
                guard start < buffer.count else { return nil }
                return take(upTo: buffer.count, skipping: 0)
            }
            if buffer.count - start > Self.maxLineBytes { throw .textTooLong(line: line + 1) }
            if start > 0 {
                buffer.removeFirst(start)
                scanned -= start
                start = 0
            }
            guard let chunk = try? handle.read(upToCount: Self.chunkBytes), !chunk.isEmpty else {
                atEnd = true
                continue
            }
            buffer.append(contentsOf: chunk)
        }
    }

    private func take(upTo end: Int, skipping separator: Int) -> ArraySlice<UInt8> {
        var lineEnd = end
        if lineEnd > start, buffer[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
        let text = buffer[start..<lineEnd]
        bytesConsumed += end + separator - start
        start = end + separator
        line += 1
        return text
    }
}
