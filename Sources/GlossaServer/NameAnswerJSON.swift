import GlossaStore
import GlossaText

// The name answer's fields for `JSONWriter`, in the encoder's order (sorted by key) and with
// the names its `Codable` conformances give them.

extension NameForm: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("attested", attested)
            json.field("language", language)
            json.field("partOfSpeech", partOfSpeech)
            json.field("scheme", scheme)
            json.field("status", status?.rawValue)
            json.field("text", text)
        }
    }
}

extension NameResult: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("conceptID", conceptID)
            json.field("definition", definition)
            json.field("distance", distance)
            json.field("domain", domain)
            json.field("match", match.rawValue)
            json.field("matchedForm", matchedForm)
            json.field("matchedTerm", matchedTerm)
            json.field("preferredTerm", preferredTerm)
            json.field("terms", terms)
            json.field("transliterations", transliterations)
        }
    }
}

extension TransliteratedName: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("attested", attested)
            json.field("chain", chain)
            json.field("confidence", confidence)
            json.field("language", language)
            json.field("reading", reading)
            json.field("scheme", scheme)
            json.field("text", text)
        }
    }
}

extension TransliterationGap: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("language", language)
            json.field("reason", reason)
        }
    }
}

extension NameTransliterations: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("forms", forms)
            json.field("input", input)
            json.field("unavailable", unavailable)
        }
    }
}
