import Foundation
import GlossaTestSupport
import Testing

/// Reading a bad file many times must not grow memory: the fuzzer's leak checker found that every
/// XML file read kept libxml2's document (about 11 KiB), and every 0-byte table read kept a 4 KiB
/// buffer. Measured in a child process, the plain build of FuzzFormats replaying one file, since
/// the suites running beside this one in the test process move its heap.
@Suite struct ReaderMemoryTests {
    @Test(arguments: [("not-xml.csv", "\u{FEFF}# foobar -*- coding: utf-8 -*-\n"), ("empty.csv", "")])
    func readingABadFileRepeatedlyKeepsNoMemory(name: String, contents: String) throws {
        let file = try Fixtures.write(contents, name: name)
        // A leak of 4 KiB a read makes the second run 24 MiB larger.
        let fewer = try residentKiB(replaying: Array(repeating: file, count: 2_000))
        let more = try residentKiB(replaying: Array(repeating: file, count: 8_000))
        #expect(more - fewer < 4_096, "resident \(fewer) KiB after 2,000 reads, \(more) KiB after 8,000")
    }

    /// Runs FuzzFormats (built beside the test bundle) over `files`, returns its resident size at the end.
    private func residentKiB(replaying files: [String]) throws -> Int {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("FuzzFormats")
        let process = Process()
        process.executableURL = binary
        process.arguments = files
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "FuzzFormats exited with \(process.terminationStatus): \(text)")
        let kib = text.split(separator: " ").dropLast().last.flatMap { Int($0) }
        return try #require(kib, "no resident size in \(text)")
    }
}
