import GlossaMatching
import GlossaModel
import GlossaStore

// A lookup's matches for `JSONWriter`, in the encoder's order (sorted by key) and with the names
// their `Codable` conformances give them.

extension Match: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("alternatives", alternatives)
            json.field("occurrences", occurrences)
            json.field("provenance", provenance)
            json.field("score", score)
            json.field("source", source)
            json.field("target", target)
            json.field("tuid", tuid)
            json.field("unitID", unitID)
        }
    }
}

extension MatchScore: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("edits", edits)
            json.field("kind", kind.rawValue)
            json.field("penalty", penalty)
            json.field("queryWeight", queryWeight)
            json.field("segmentWeight", segmentWeight)
            json.field("value", value)
        }
    }
}

extension MatchedSegment: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("language", language.canonical)
            json.field("languageMatch", languageMatch.rawValue)
            json.field("markup", markup)
            json.field("text", text)
        }
    }
}

extension Provenance: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("changeDate", changeDate)
            json.field("changeID", changeID)
            json.field("creationDate", creationDate)
            json.field("creationID", creationID)
            json.field("importID", importID)
            json.field("memory", memory?.value)
            json.field("origin", origin)
            json.field("properties", properties)
        }
    }
}

extension Property: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("type", type)
            json.field("value", value)
        }
    }
}
