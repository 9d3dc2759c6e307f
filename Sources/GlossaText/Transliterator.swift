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
        let opened: OpaquePointer? = ruleUnits.map { units in
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
        let input = Array(text.utf16)
        var capacity = input.count * 4 + 16
        while true {
            var output = [UInt16](repeating: 0, count: capacity)
            let length = glossa_translit_transform(instance.pointer, input, Int32(input.count), &output, Int32(capacity))
            if length < 0 { return text }
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
