import CShims

/// Unicode normalization through ICU.
public enum Normalization {
    /// NFC: the form text is stored and compared in.
    public static func nfc(_ text: String) -> String {
        normalize(text, GLOSSA_NFC)
    }

    /// The comparison key: NFKC with case folding (so `Ｐｕｔｉｎ`, `PUTIN` and `putin` agree),
    /// whitespace runs collapsed to one space and trimmed.
    public static func foldKey(_ text: String) -> String {
        collapseWhitespace(normalize(text, GLOSSA_NFKC_CASEFOLD))
    }

    private static func normalize(_ text: String, _ form: glossa_normalization) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII is already NFC; only the case fold has work to do.
            return form == GLOSSA_NFC ? text : text.lowercased()
        }
        let input = Array(text.utf16)
        var capacity = input.count + input.count / 2 + 16
        while true {
            var output = [UInt16](repeating: 0, count: capacity)
            let needed = glossa_normalize(form, input, Int32(input.count), &output, Int32(capacity))
            if needed < 0 { return text }
            if Int(needed) <= capacity { return String(decoding: output[..<Int(needed)], as: UTF16.self) }
            capacity = Int(needed)
        }
    }

    static func collapseWhitespace(_ text: String) -> String {
        // Most segments are ASCII with single spaces: nothing to do.
        var previousWasSpace = true
        var clean = true
        for byte in text.utf8 {
            if byte >= 0x80 || byte == 0x09 || byte == 0x0A || byte == 0x0B || byte == 0x0C || byte == 0x0D || (byte == 0x20 && previousWasSpace) {
                clean = false
                break
            }
            previousWasSpace = byte == 0x20
        }
        if clean && !previousWasSpace { return text }

        // Over UTF-8 bytes: a whitespace character is recognized at its first byte (no
        // continuation byte starts one), every other byte is copied.
        var text = text
        return text.withUTF8 { bytes in
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count)
            var pendingSpace = false
            var index = 0
            while index < bytes.count {
                let length = whitespaceLength(bytes, at: index)
                if length > 0 {
                    pendingSpace = !result.isEmpty
                    index += length
                } else {
                    if pendingSpace {
                        result.append(0x20)
                        pendingSpace = false
                    }
                    result.append(bytes[index])
                    index += 1
                }
            }
            return String(decoding: result, as: UTF8.self)
        }
    }

    /// The UTF-8 length of the Unicode White_Space character at `index`, 0 when there is none
    /// there: U+0009-000D, U+0020, U+0085, U+00A0, U+1680, U+2000-200A, U+2028, U+2029, U+202F,
    /// U+205F, U+3000.
    static func whitespaceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let byte = bytes[index]
        if byte < 0x80 { return byte == 0x20 || (0x09...0x0D).contains(byte) ? 1 : 0 }
        func next(_ offset: Int) -> UInt8 { index + offset < bytes.count ? bytes[index + offset] : 0 }
        switch byte {
        case 0xC2: return next(1) == 0x85 || next(1) == 0xA0 ? 2 : 0
        case 0xE1: return next(1) == 0x9A && next(2) == 0x80 ? 3 : 0
        case 0xE2:
            if next(1) == 0x80 {
                let last = next(2)
                return (0x80...0x8A).contains(last) || last == 0xA8 || last == 0xA9 || last == 0xAF ? 3 : 0
            }
            return next(1) == 0x81 && next(2) == 0x9F ? 3 : 0
        case 0xE3: return next(1) == 0x80 && next(2) == 0x80 ? 3 : 0
        default: return 0
        }
    }
}
