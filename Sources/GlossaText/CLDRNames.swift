import CShims

/// The CLDR data inside ICU: which codes exist, and what each language calls them.
public enum CLDRNames {
    public enum Kind: Sendable {
        case language, script, region

        var shim: glossa_name_kind {
            switch self {
            case .language: GLOSSA_NAME_LANGUAGE
            case .script: GLOSSA_NAME_SCRIPT
            case .region: GLOSSA_NAME_REGION
            }
        }
    }

    /// ISO 3166 region codes (`RU`, `CN`, ...).
    public static func regions() -> [String] {
        guard var pointer = glossa_iso_regions() else { return [] }
        var codes: [String] = []
        while let code = pointer.pointee {
            codes.append(String(cString: code))
            pointer += 1
        }
        return codes
    }

    /// Languages ICU has locale data for (`af`, `ru`, `zh`, ...), each once.
    public static func languages() -> [String] {
        var seen = Set<String>()
        return (0..<glossa_available_locale_count()).compactMap { index in
            guard let locale = glossa_available_locale(index) else { return nil }
            let language = String(String(cString: locale).prefix { $0 != "_" })
            return seen.insert(language).inserted ? language : nil
        }
    }

    /// ISO 15924 script codes, without the special ones (`Zyyy` common, `Zxxx` unwritten, `Qaaa`
    /// private use...).
    public static func scripts() -> [String] {
        (0..<glossa_script_code_limit()).compactMap { code in
            guard let name = glossa_script_short_name(code).map({ String(cString: $0) }),
                name.count == 4, !name.hasPrefix("Z"), !name.hasPrefix("Q")
            else { return nil }
            return name
        }
    }

    /// What `language` (an ICU locale id such as `ru` or `zh`) calls a code; nil when CLDR has no name.
    public static func displayName(_ kind: Kind, code: String, in language: String) -> String? {
        utf16 { glossa_display_name(kind.shim, code, language, $0, $1) }
    }

    /// Canonical location time zones of a region (`Europe/Moscow`, `Asia/Yekaterinburg`, ... for `RU`).
    public static func timeZones(in region: String) -> [String] {
        guard let list = glossa_zones_open(region) else { return [] }
        defer { glossa_zones_close(list) }
        var zones: [String] = []
        while let zone = glossa_zones_next(list) { zones.append(String(cString: zone)) }
        return zones
    }

    /// The exemplar city of a time zone in a language (`Europe/Moscow` in `zh`: 莫斯科).
    public static func exemplarCity(of zone: String, in language: String) -> String? {
        utf16 { glossa_exemplar_city(zone, language, $0, $1) }
    }

    /// The CLDR release of ICU's data (`42.0` in ICU 72).
    public static var version: String {
        var buffer = [CChar](repeating: 0, count: 32)
        let length = glossa_cldr_version(&buffer, Int32(buffer.count))
        return length > 0 ? String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self) : "?"
    }

    private static func utf16(_ call: (UnsafeMutablePointer<UInt16>, Int32) -> Int32) -> String? {
        var buffer = [UInt16](repeating: 0, count: 256)
        let length = call(&buffer, Int32(buffer.count))
        guard length > 0, Int(length) <= buffer.count else { return nil }
        return String(decoding: buffer[..<Int(length)], as: UTF16.self)
    }
}
