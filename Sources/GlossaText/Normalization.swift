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

        var result = ""
        result.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace {
                    result.unicodeScalars.append(" ")
                    pendingSpace = false
                }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
