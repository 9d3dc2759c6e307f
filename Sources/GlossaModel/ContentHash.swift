import CShims

/// Content identity for units and concepts: importing the same content twice stores it once.
package enum ContentHash {
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// SHA-256 of the UTF-8 text, as 64 lower-case hex digits.
    package static func sha256(_ text: String) -> String {
        var digest = [UInt8](repeating: 0, count: 32)
        let bytes = Array(text.utf8)
        glossa_sha256(bytes, bytes.count, &digest)
        var hex = [UInt8]()
        hex.reserveCapacity(64)
        for byte in digest {
            hex.append(hexDigits[Int(byte >> 4)])
            hex.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}
