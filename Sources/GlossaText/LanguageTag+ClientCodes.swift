extension LanguageTag {
    /// The codes under which a tmserver client may ask for this tag's segments, in the form Weblate
    /// writes them (`code.replace("-", "_").lower()`, then the code cut at its last `_` when the
    /// server does not list it): the tag, its fallback group (language plus likely script) and
    /// their truncations, each only when a lookup under it searches this tag's fallback group.
    /// `zh-CN` gives `zh_cn`, `zh`, `zh_hans`; `zh-TW` gives `zh_tw`, `zh_hant` (a lookup for `zh`
    /// searches simplified Chinese, so `zh` is not one of its codes).
    public var clientCodes: [String] {
        let group = fallbackGroup
        var codes: [String] = []
        for code in truncations + ((try? LanguageTag(group))?.truncations ?? []) {
            let client = code.replacing("-", with: "_").lowercased()
            guard !codes.contains(client), let tag = try? LanguageTag(client), tag.fallbackGroup == group else { continue }
            codes.append(client)
        }
        return codes
    }
}
