/// Escaping for text and attribute values written into XML.
public enum XMLEscaping {
    public static func escapeText(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 < 0x20 })
        else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            // XML 1.0 cannot carry other C0 controls at all, not even as references.
            case _ where scalar.value < 0x20: continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    public static func escapeAttribute(_ value: String) -> String {
        escapeText(value)
            .replacingAll("\"", with: "&quot;")
            .replacingAll("\n", with: "&#10;")
            .replacingAll("\t", with: "&#9;")
            .replacingAll("\r", with: "&#13;")
    }

    /// The text escaped markup stands for: the five predefined entities and character references
    /// resolved; anything else after `&` kept as written.
    public static func unescape(_ markup: String) -> String {
        guard markup.contains("&") else { return markup }
        var out = ""
        var rest = Substring(markup)
        while let ampersand = rest.firstIndex(of: "&") {
            out += rest[..<ampersand]
            rest = rest[ampersand...]
            guard let semicolon = rest.prefix(maxEntityLength).firstIndex(of: ";"),
                let resolved = resolve(rest[rest.index(after: ampersand)..<semicolon])
            else {
                out.append("&")
                rest = rest.dropFirst()
                continue
            }
            out.unicodeScalars.append(resolved)
            rest = rest[rest.index(after: semicolon)...]
        }
        return out + rest
    }

    /// `&#x10FFFF;` is the longest reference.
    private static let maxEntityLength = 10

    private static func resolve(_ entity: Substring) -> Unicode.Scalar? {
        switch entity {
        case "lt": "<"
        case "gt": ">"
        case "amp": "&"
        case "quot": "\""
        case "apos": "'"
        case _ where entity.hasPrefix("#x") || entity.hasPrefix("#X"): UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
        case _ where entity.hasPrefix("#"): UInt32(entity.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init)
        default: nil
        }
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        guard contains(target) else { return self }
        var out = ""
        for character in self {
            if character == target { out += replacement } else { out.append(character) }
        }
        return out
    }
}
