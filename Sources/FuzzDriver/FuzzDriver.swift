import Foundation

/// libFuzzer's signature for the function under test.
public typealias FuzzTarget = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

#if FUZZING
// libFuzzer's entry point when the program has its own `main`: SwiftPM names every executable's
// entry point itself, so libFuzzer's `main` is never the one that runs.
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ target: FuzzTarget
) -> CInt
#endif

/// Runs a fuzz target: under `-sanitize=fuzzer -DFUZZING` as libFuzzer (its flags and corpus
/// folders as arguments); in a plain build it replays the files and folders given, so a crashing
/// input can be reproduced, and the corpus checked, without the instrumented build.
public enum FuzzDriver {
    public static func run(_ target: FuzzTarget) -> Never {
        #if FUZZING
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, target))
        #else
        let paths = CommandLine.arguments.dropFirst()
        guard !paths.isEmpty else {
            FileHandle.standardError.write(Data("usage: \(CommandLine.arguments[0]) FILE|DIR...\n".utf8))
            exit(2)
        }
        var replayed = 0
        for path in paths {
            for file in files(at: path) {
                guard let data = contents(of: file) else {
                    FileHandle.standardError.write(Data("cannot read \(file)\n".utf8))
                    exit(2)
                }
                _ = data.withUnsafeBytes { target($0.bindMemory(to: UInt8.self).baseAddress, data.count) }
                replayed += 1
            }
        }
        // The resident size at the end tells a leak from a steady state when one input is given many
        // times. Not the peak (getrusage): Linux carries the spawning process's peak over exec.
        print("replayed \(replayed) inputs, resident \(residentKiB()) KiB")
        exit(0)
        #endif
    }

    /// The resident set size now, from /proc/self/statm (its second field, in pages); 0 without /proc.
    private static func residentKiB() -> Int {
        let fields = (try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8))?.split(separator: " ") ?? []
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * sysconf(Int32(_SC_PAGESIZE)) / 1024
    }

    /// The bytes of a file. A 0-byte file is not read: Foundation's read of one leaks 4 KiB, which
    /// would hide or fake a leak of the target when an input is replayed many times.
    private static func contents(of file: String) -> Data? {
        guard let size = (try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? NSNumber else { return nil }
        return size.intValue == 0 ? Data() : FileManager.default.contents(atPath: file)
    }

    /// A file, or the regular files of a folder (libFuzzer's corpus layout, not recursive).
    private static func files(at path: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { return [path] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.sorted().map { (path as NSString).appendingPathComponent($0) }
    }
}
