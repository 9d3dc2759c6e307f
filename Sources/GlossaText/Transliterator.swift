import CShims
import Synchronization

/// An ICU transliterator, created once and then cloned for each concurrent use: creating one
/// costs tens of milliseconds, and one instance must not serve two threads at once.
public final class Transliterator: Sendable {
    public let id: String
    /// Idle instances ready for use; the first is the prototype others are cloned from.
    private let idle: Mutex<[OpaquePointerBox]>

    /// Opens ICU's transliterator `id` (compound ids such as `Traditional-Simplified; Han-Latin`
    /// work), or compiles `rules` of our own under that name.
    public init(id: String, rules: String? = nil) throws(TransliterationError) {
        self.id = id
        let idUnits = Array(id.utf16)
        let ruleUnits = rules.map { Array($0.utf16) }
        var message = [CChar](repeating: 0, count: 256)
        let opened: OpaquePointer? =
            ruleUnits.map { units in
                glossa_translit_open(idUnits, Int32(idUnits.count), units, Int32(units.count), &message, Int32(message.count))
            } ?? glossa_translit_open(idUnits, Int32(idUnits.count), nil, 0, &message, Int32(message.count))
        guard let opened else {
            throw TransliterationError(id: id, reason: String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        idle = Mutex([OpaquePointerBox(opened)])
    }

    deinit {
        idle.withLock { boxes in
            for box in boxes { glossa_translit_close(box.pointer) }
        }
    }

    public func transliterate(_ text: String) -> String {
        guard !text.isEmpty else { return text }
        let instance = borrow()
        defer { idle.withLock { $0.append(instance) } }
        var text = text
        return text.withUTF8 { utf8 in
            let input = UnsafeRawBufferPointer(utf8).bindMemory(to: CChar.self)
            var capacity = utf8.count * 3 + 64
            while true {
                let (length, result) = withUnsafeTemporaryAllocation(of: CChar.self, capacity: capacity) { output -> (Int32, String?) in
                    let length = glossa_translit_transform_utf8(
                        instance.pointer, input.baseAddress, Int32(utf8.count),
                        output.baseAddress, Int32(capacity))
                    guard length >= 0, Int(length) <= capacity else { return (length, nil) }
                    return (
                        length,
                        String(
                            decoding: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(output)[..<Int(length)]),
                            as: UTF8.self)
                    )
                }
                if let result { return result }
                if length == -2 { return transliterateUTF16(utf8, with: instance) }
                if length < 0 { return String(decoding: utf8, as: UTF8.self) }
                capacity = Int(length)
            }
        }
    }

    /// For texts that grow past four times their length (rare: the UTF-8 path's buffer).
    private func transliterateUTF16(_ utf8: UnsafeBufferPointer<UInt8>, with instance: OpaquePointerBox) -> String {
        let input = Array(String(decoding: utf8, as: UTF8.self).utf16)
        var capacity = input.count * 8 + 16
        while true {
            var output = [UInt16](repeating: 0, count: capacity)
            let length = glossa_translit_transform(instance.pointer, input, Int32(input.count), &output, Int32(capacity))
            if length < 0 { return String(decoding: utf8, as: UTF8.self) }
            if Int(length) <= capacity { return String(decoding: output[..<Int(length)], as: UTF16.self) }
            capacity = Int(length)
        }
    }

    private func borrow() -> OpaquePointerBox {
        let (taken, prototype): (OpaquePointerBox?, OpaquePointerBox?) = idle.withLock { boxes in
            boxes.count > 1 ? (boxes.removeLast(), nil) : (nil, boxes.first)
        }
        if let taken { return taken }
        // Clone outside the lock; cloning reads the prototype only.
        return OpaquePointerBox(glossa_translit_clone(prototype!.pointer)!)
    }
}

/// Holds a C pointer across the mutex; only one thread uses a borrowed instance at a time.
struct OpaquePointerBox: @unchecked Sendable {
    let pointer: OpaquePointer
    init(_ pointer: OpaquePointer) { self.pointer = pointer }
}

public struct TransliterationError: Error, Sendable, CustomStringConvertible {
    public let id: String
    public let reason: String
    public var description: String { "cannot create the transliterator '\(id)': \(reason)" }
}
