import Foundation
import GlossaModel

/// A unit's or segment's metadata as the stores keep it: JSON, NULL when there is none.
package enum MetadataJSON {
    /// The JSON that `Metadata`'s Codable conformance reads back, written by hand: JSONEncoder
    /// took a tenth of an import's time.
    package static func encode(_ metadata: Metadata) -> String? {
        guard !metadata.isEmpty else { return nil }
        var json = "{\"properties\":["
        json += metadata.properties.map { "{\"type\":\(quoted($0.type)),\"value\":\(quoted($0.value))}" }.joined(separator: ",")
        json += "],\"notes\":[" + metadata.notes.map(quoted).joined(separator: ",")
        json += "],\"attributes\":{"
        json += metadata.attributes.sorted { $0.key < $1.key }.map { "\(quoted($0.key)):\(quoted($0.value))" }.joined(separator: ",")
        return json + "}}"
    }

    private static func quoted(_ text: String) -> String {
        // Most text holds nothing to escape: copied whole.
        if !text.utf8.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 < 0x20 }) { return "\"" + text + "\"" }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    package static func decode(_ json: String?) -> Metadata {
        guard let json, let decoded = try? JSONDecoder().decode(Metadata.self, from: Data(json.utf8)) else { return Metadata() }
        return decoded
    }
}
