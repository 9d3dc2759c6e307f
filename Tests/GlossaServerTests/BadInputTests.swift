import Foundation
import GlossaServer
import GlossaTestSupport
import Hummingbird
import Testing

/// One bad (or hostile) request and exactly what the server must answer. Unless `stores` is set,
/// the database must be unchanged afterwards.
struct BadInput: Sendable, CustomTestStringConvertible {
    let name: String
    let method: HTTPRequest.Method
    let uri: String
    let body: [UInt8]?
    let token: Bool
    let status: HTTPResponse.Status
    /// The problem type's slug; nil for a JSON answer that is not a problem (an import report).
    let problem: String?
    /// An import that must store what is valid (a DOCTYPE naming a DTD that is never fetched).
    var stores = false

    init(_ name: String, _ uri: String, _ status: HTTPResponse.Status, _ problem: String? = "invalid-request") {
        self.init(name, .get, uri, body: nil, status, problem)
    }

    init(
        _ name: String, _ method: HTTPRequest.Method, _ uri: String, body: [UInt8]?, token: Bool = true,
        _ status: HTTPResponse.Status, _ problem: String? = "invalid-request"
    ) {
        self.name = name
        self.method = method
        self.uri = uri
        self.body = body
        self.token = token
        self.status = status
        self.problem = problem
    }

    init(
        _ name: String, _ method: HTTPRequest.Method, _ uri: String, text: String, token: Bool = true,
        _ status: HTTPResponse.Status, _ problem: String? = "invalid-request"
    ) {
        self.init(name, method, uri, body: Array(text.utf8), token: token, status, problem)
    }

    var testDescription: String { name }

    func storing() -> BadInput {
        var input = self
        input.stores = true
        return input
    }
}

/// Placeholder in bodies for a file whose content must never reach a response (XXE).
let secretPath = "/tmp/glossa-secret-for-xxe.txt"
let secretContent = "TOP-SECRET-7f3a9c"

func tmxDocument(_ body: String, prolog: String = #"<?xml version="1.0" encoding="UTF-8"?>"#) -> String {
    prolog
        + #"<tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="t" creationtoolversion="1"/><body>"#
        + body + "</body></tmx>"
}

func tbxDocument(_ entries: String) -> String {
    #"<?xml version="1.0"?><tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>"#
        + entries + "</body></text></tbx>"
}

let goodUnit = #"<tu><tuv xml:lang="en"><seg>A cat</seg></tuv><tuv xml:lang="fr"><seg>Un chat</seg></tuv></tu>"#
let laughs =
    #"<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">"#
    + #"<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">"#
    + #"<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">]>"#

enum BadInputs {
    static let tmxImport = "/v1/tm/import"
    static let glossaryImport = "/v1/glossary/import"

    static var imports: [BadInput] {
        let truncated = Array(tmxDocument(String(repeating: goodUnit, count: 20)).utf8.prefix(600))
        var nul = Array(tmxDocument(goodUnit).utf8)
        nul.insert(0, at: nul.count - 40)
        var invalidUTF8 = Array(tmxDocument(goodUnit).utf8)
        invalidUTF8.replaceSubrange((invalidUTF8.count - 60)..<(invalidUTF8.count - 59), with: [0xC3, 0x28])
        let utf16NoBOM = Array(tmxDocument(goodUnit, prolog: #"<?xml version="1.0" encoding="UTF-16LE"?>"#).utf16)
            .flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        func segment(ofBytes bytes: Int) -> String {
            tmxDocument(
                #"<tu><tuv xml:lang="en"><seg>"# + String(repeating: "word ", count: bytes / 5)
                    + #"</seg></tuv><tuv xml:lang="fr"><seg>b</seg></tuv></tu>"#)
        }
        let nested = String(repeating: "<hi>", count: 5_000) + "x" + String(repeating: "</hi>", count: 5_000)
        let quadratic =
            #"<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a ""# + String(repeating: "a", count: 50_000) + #"">]>"#
            + tmxDocument(
                #"<tu><tuv xml:lang="en"><seg>"# + String(repeating: "&a;", count: 5_000)
                    + #"</seg></tuv><tuv xml:lang="fr"><seg>b</seg></tuv></tu>"#, prolog: "")
        return [
            BadInput("TMX: empty body", .post, tmxImport, body: [], .unprocessableContent, "invalid-tmx"),
            BadInput("TMX: not XML", .post, tmxImport, text: "hello, world", .unprocessableContent, "invalid-tmx"),
            BadInput("TMX: malformed at the root", .post, tmxImport, text: "<tmx version=\"1.4\"", .unprocessableContent, "invalid-tmx"),
            BadInput("TMX: malformed in body", .post, tmxImport, text: tmxDocument("<tu><tuv>"), .unprocessableContent, "invalid-tmx"),
            BadInput(
                "TMX: mismatched tags in a segment", .post, tmxImport,
                text: tmxDocument(#"<tu><tuv xml:lang="en"><seg><bpt i="1">x</ept></seg></tuv></tu>"#), .unprocessableContent, "invalid-tmx"),
            BadInput("TMX: truncated file", .post, tmxImport, body: truncated, .unprocessableContent, "invalid-tmx"),
            BadInput("TMX: wrong root", .post, tmxImport, text: "<martif type=\"TBX\"/>", .unprocessableContent, "invalid-tmx"),
            BadInput("XLIFF: no file", .post, tmxImport, text: "<xliff version=\"1.2\"/>", .unprocessableContent, "invalid-xliff"),
            BadInput(
                "XLIFF: a translated unit is stored", .post, tmxImport,
                text: #"<xliff version="1.2"><file source-language="en" target-language="fr"><body><trans-unit id="1">"#
                    + #"<source>Good <g id="1">morning</g></source><target state="final">Bon <g id="1">matin</g></target></trans-unit></body></file></xliff>"#,
                .created, nil
            ).storing(),
            BadInput(
                "XLIFF: only a draft, nothing stored", .post, tmxImport,
                text: #"<xliff version="2.0" srcLang="en" trgLang="fr"><file id="f"><unit id="u"><segment state="initial">"#
                    + #"<source>Good evening</source><target>Bonsoir</target></segment></unit></file></xliff>"#,
                .created, nil),
            BadInput(
                "XLIFF: XXE to a local file", .post, tmxImport,
                text: "<?xml version=\"1.0\"?><!DOCTYPE xliff [<!ENTITY x SYSTEM \"file://\(secretPath)\">]>"
                    + #"<xliff version="1.2"><file source-language="en" target-language="fr"><body><trans-unit id="1"><source>&x;</source>"#
                    + #"<target>b</target></trans-unit></body></file></xliff>"#,
                .unprocessableContent, "invalid-xliff"),
            BadInput(
                "TMX: no body", .post, tmxImport, text: #"<tmx version="1.4"><header srclang="en"/></tmx>"#,
                .unprocessableContent, "invalid-tmx"),
            BadInput(
                "TMX: unknown declared encoding", .post, tmxImport,
                text: tmxDocument(goodUnit, prolog: #"<?xml version="1.0" encoding="x-no-such-charset"?>"#), .unprocessableContent, "invalid-tmx"),
            BadInput(
                "TMX: UTF-16 declared, UTF-8 sent", .post, tmxImport,
                text: tmxDocument(goodUnit, prolog: #"<?xml version="1.0" encoding="UTF-16"?>"#), .unprocessableContent, "invalid-tmx"),
            BadInput("TMX: invalid UTF-8", .post, tmxImport, body: invalidUTF8, .unprocessableContent, "invalid-tmx"),
            BadInput("TMX: NUL byte", .post, tmxImport, body: nul, .unprocessableContent, "invalid-tmx"),
            BadInput(
                "TMX: XXE to a local file", .post, tmxImport,
                text: "<?xml version=\"1.0\"?><!DOCTYPE tmx [<!ENTITY x SYSTEM \"file://\(secretPath)\">]>"
                    + tmxDocument(#"<tu><tuv xml:lang="en"><seg>&x;</seg></tuv><tuv xml:lang="fr"><seg>b</seg></tuv></tu>"#, prolog: ""),
                .unprocessableContent, "invalid-tmx"),
            BadInput(
                "TMX: XXE to a URL", .post, tmxImport,
                text: #"<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY x SYSTEM "http://127.0.0.1:9/x">]>"#
                    + tmxDocument(#"<tu><tuv xml:lang="en"><seg>&x;</seg></tuv><tuv xml:lang="fr"><seg>b</seg></tuv></tu>"#, prolog: ""),
                .unprocessableContent, "invalid-tmx"),
            // Many tools write `<!DOCTYPE tmx SYSTEM "tmx14.dtd">`: the DTD is never read, the units are.
            BadInput(
                "TMX: external DTD named, never fetched", .post, tmxImport,
                text: #"<?xml version="1.0"?><!DOCTYPE tmx SYSTEM "http://127.0.0.1:9/tmx14.dtd">"# + tmxDocument(goodUnit, prolog: ""),
                .created, nil
            ).storing(),
            BadInput(
                "TMX: billion laughs", .post, tmxImport,
                text: laughs + tmxDocument(#"<tu><tuv xml:lang="en"><seg>&f;</seg></tuv><tuv xml:lang="fr"><seg>b</seg></tuv></tu>"#, prolog: ""),
                .unprocessableContent, "invalid-tmx"),
            BadInput("TMX: quadratic blow-up", .post, tmxImport, text: quadratic, .unprocessableContent, "invalid-tmx"),
            BadInput(
                "TMX: 5,000 nested inline tags", .post, tmxImport,
                text: tmxDocument(#"<tu><tuv xml:lang="en"><seg>"# + nested + #"</seg></tuv><tuv xml:lang="fr"><seg>b</seg></tuv></tu>"#),
                .unprocessableContent, "invalid-tmx"),
            BadInput("TMX: UTF-16 without a byte order mark", .post, tmxImport, body: utf16NoBOM, .created, nil).storing(),
            // Past TMXReader.maxSegmentBytes (1 MiB) the tuv is left out, so its unit is rejected;
            // past libxml2's 10,000,000 bytes for one text the file is refused.
            BadInput("TMX: a 2 MB segment", .post, tmxImport, text: segment(ofBytes: 2_000_000), .created, nil),
            BadInput("TMX: a 10 MB segment", .post, tmxImport, text: segment(ofBytes: 10 << 20), .unprocessableContent, "invalid-tmx"),
            BadInput(
                "TMX: a tu with one tuv is rejected, the rest stored", .post, tmxImport,
                text: tmxDocument(#"<tu><tuv xml:lang="en"><seg>alone</seg></tuv></tu>"#), .created, nil),
            BadInput(
                "TMX: a tuv without language", .post, tmxImport,
                text: tmxDocument(#"<tu><tuv><seg>x</seg></tuv><tuv xml:lang="fr"><seg>y</seg></tuv></tu>"#), .created, nil),
            BadInput(
                "TMX: invalid language tags", .post, tmxImport,
                text: tmxDocument(#"<tu><tuv xml:lang="e n"><seg>x</seg></tuv><tuv xml:lang="fr__"><seg>y</seg></tuv></tu>"#), .created, nil),
            BadInput("TMX: no token", .post, tmxImport, body: Array(tmxDocument(goodUnit).utf8), token: false, .unauthorized, "unauthorized"),
            BadInput("TMX: dryRun=maybe", .post, tmxImport + "?dryRun=maybe", text: tmxDocument(goodUnit), .badRequest, "invalid-request"),
            BadInput("TBX: empty body", .post, glossaryImport, body: [], .unprocessableContent, "invalid-tbx"),
            BadInput("TBX: malformed", .post, glossaryImport, text: tbxDocument("<conceptEntry>"), .unprocessableContent, "invalid-tbx"),
            BadInput("TBX: a TMX sent as TBX", .post, glossaryImport, text: tmxDocument(goodUnit), .unprocessableContent, "invalid-tbx"),
            BadInput(
                "TBX: XXE", .post, glossaryImport,
                text: "<?xml version=\"1.0\"?><!DOCTYPE tbx [<!ENTITY x SYSTEM \"file://\(secretPath)\">]>"
                    + #"<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>"#
                    + #"<conceptEntry id="c"><langSec xml:lang="en"><termSec><term>&x;</term></termSec></langSec></conceptEntry></body></text></tbx>"#,
                .unprocessableContent, "invalid-tbx"),
            BadInput(
                "TBX: billion laughs", .post, glossaryImport,
                text: laughs.replacing("tmx", with: "tbx") + #"<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">"#
                    + #"<text><body><conceptEntry id="c"><langSec xml:lang="en"><termSec><term>&f;</term></termSec></langSec></conceptEntry></body></text></tbx>"#,
                .unprocessableContent, "invalid-tbx"),
            BadInput(
                "TBX: an entry without terms is rejected", .post, glossaryImport,
                text: tbxDocument(#"<conceptEntry id="e"><langSec xml:lang="en"><termSec><term> </term></termSec></langSec></conceptEntry>"#),
                .created, nil),
            BadInput("TBX: no token", .post, glossaryImport, body: Array(tbxDocument("").utf8), token: false, .unauthorized, "unauthorized"),
            BadInput("CSV: unknown format", .post, glossaryImport + "?format=xlsx", text: "en,fr\na,b\n", .badRequest, "invalid-request"),
            BadInput(
                "CSV: header of words without languages", .post, glossaryImport + "?format=csv",
                text: "term,translation\ncat,chat\n", .unprocessableContent, "invalid-csv"),
            BadInput(
                "CSV: invalid language in languages=", .post, glossaryImport + "?format=csv&languages=en,f_r",
                text: "cat,chat\n", .badRequest, "invalid-request"),
            BadInput(
                "CSV: invalid UTF-8", .post, glossaryImport + "?format=csv", body: Array("en,fr\n".utf8) + [0xFF, 0xFE, 0x2C, 0x41, 0x0A],
                .unprocessableContent, "invalid-csv"),
            BadInput(
                "CSV: a row with the wrong number of cells is rejected", .post, glossaryImport + "?format=csv",
                text: "en,fr\na,b,c,d\n", .created, nil),
        ]
    }

    static var json: [BadInput] {
        let batch = "/v1/tm/lookup"
        let tooMany = "{\"source\":\"en\",\"target\":\"ru\",\"segments\":[" + Array(repeating: "\"a\"", count: 1_001).joined(separator: ",") + "]}"
        return [
            BadInput("batch: invalid JSON", .post, batch, text: "{\"source\":", .badRequest, "invalid-request"),
            BadInput("batch: wrong type", .post, batch, text: #"{"source":"en","target":"ru","segments":"x"}"#, .badRequest, "invalid-request"),
            BadInput("batch: missing field", .post, batch, text: #"{"source":"en","segments":["x"]}"#, .badRequest, "invalid-request"),
            BadInput("batch: no segments", .post, batch, text: #"{"source":"en","target":"ru","segments":[]}"#, .badRequest, "invalid-request"),
            BadInput("batch: 1,001 segments", .post, batch, text: tooMany, .badRequest, "invalid-request"),
            BadInput(
                "batch: a 100 KB segment", .post, batch,
                text: #"{"source":"en","target":"ru","segments":[""# + String(repeating: "a", count: 100_000) + #""]}"#, .badRequest,
                "invalid-request"),
            BadInput("batch: min out of range", .post, batch, text: #"{"source":"en","target":"ru","segments":["x"],"min":150}"#, .badRequest),
            BadInput("batch: limit 0", .post, batch, text: #"{"source":"en","target":"ru","segments":["x"],"limit":0}"#, .badRequest),
            BadInput(
                "batch: body over 2 MiB", .post, batch, body: Array(repeating: UInt8(ascii: " "), count: 3 << 20), .contentTooLarge, "too-large"),
            BadInput("annotate: invalid JSON", .post, "/v1/glossary/annotate", text: "[", .badRequest),
            BadInput("annotate: missing language", .post, "/v1/glossary/annotate", text: #"{"text":"x"}"#, .badRequest),
            BadInput("annotate: invalid language", .post, "/v1/glossary/annotate", text: #"{"text":"x","language":"??"}"#, .badRequest),
            BadInput("annotate: empty text", .post, "/v1/glossary/annotate", text: #"{"text":"","language":"en"}"#, .badRequest),
            BadInput(
                "check: translation without its language", .post, "/v1/glossary/check",
                text: #"{"source":"x","language":"en","translation":"y"}"#, .badRequest),
        ]
    }

    static var queries: [BadInput] {
        let lookup = "/v1/tm/lookup?source=en&target=ru"
        return [
            BadInput("lookup: no q", lookup, .badRequest),
            BadInput("lookup: a 60 KB q", lookup + "&q=" + String(repeating: "a", count: 60_000), .badRequest),
            BadInput("lookup: limit 0", lookup + "&q=x&limit=0", .badRequest),
            BadInput("lookup: limit -1", lookup + "&q=x&limit=-1", .badRequest),
            BadInput("lookup: min 101", lookup + "&q=x&min=101", .badRequest),
            BadInput("lookup: min -1", lookup + "&q=x&min=-1", .badRequest),
            BadInput("lookup: min abc", lookup + "&q=x&min=abc", .badRequest),
            BadInput("lookup: invalid source tag", "/v1/tm/lookup?q=x&source=12345&target=ru", .badRequest),
            BadInput("lookup: no target", "/v1/tm/lookup?q=x&source=en", .badRequest),
            BadInput("lookup: invalid percent-encoding", lookup + "&q=%E0%A4", .badRequest),
            BadInput("concordance: no q", "/v1/tm/concordance?lang=en", .badRequest),
            BadInput("concordance: offset -5", "/v1/tm/concordance?q=x&offset=-5", .badRequest),
            BadInput("export: target without source", "/v1/tm/export?target=ru", .badRequest),
            BadInput("glossary export: unknown format", "/v1/glossary/export?format=xlsx", .badRequest),
            BadInput("glossary export: tsv without languages", "/v1/glossary/export?format=tsv", .badRequest),
            BadInput("glossary export: csv with one language", "/v1/glossary/export?format=csv&languages=en", .badRequest),
            BadInput("glossary export: tbx with languages", "/v1/glossary/export?format=tbx&languages=en,ru", .badRequest),
            BadInput("memory export: memories beside the path's", "/v1/memories/default/export?memories=default", .badRequest),
            BadInput("names: no q", "/v1/names", .badRequest),
            BadInput("names: limit 0", "/v1/names?q=x&limit=0", .badRequest),
            BadInput("names: invalid to", "/v1/names?q=x&to=en,%3F%3F", .badRequest),
            BadInput("translit: unknown scheme", "/v1/translit?text=x&scheme=klingon", .badRequest),
            BadInput("translit: no text", "/v1/translit?scheme=bgn-pcgn", .badRequest),
            BadInput("concept: id not a number", "/v1/glossary/concepts/abc", .badRequest),
            BadInput("concept: no such id", "/v1/glossary/concepts/999999", .notFound, "not-found"),
            BadInput("no such route", "/v1/nothing", .notFound, "not-found"),
            BadInput("wrong method: TRACE", .trace, "/v1/names?q=x", body: nil, .methodNotAllowed, "method-not-allowed"),
            BadInput("wrong method: PATCH a concept", .patch, "/v1/glossary/concepts/1", body: nil, .methodNotAllowed, "method-not-allowed"),
            BadInput("wrong method: GET an import", .get, "/v1/tm/import", body: nil, .methodNotAllowed, "method-not-allowed"),
        ]
    }
}

extension BadInputs {
    /// Named memories (issue 14): unknown names, names that are no slugs, taken names, penalties
    /// outside 0-100. Each leaves the memories and units as they were.
    static var memories: [BadInput] {
        let lookup = "/v1/tm/lookup?source=en&target=ru&q=Putin"
        return [
            BadInput("memories: unknown memory in a lookup", lookup + "&memories=no-such-memory", .notFound, "memory-not-found"),
            BadInput("memories: a name that is no slug", lookup + "&memories=Not%20A%20Slug", .badRequest),
            BadInput("memories: penalty above 100", lookup + "&penalty=default:101", .badRequest),
            BadInput("memories: penalty below 0", lookup + "&penalty=default:-1", .badRequest),
            BadInput("memories: penalty without points", lookup + "&penalty=default", .badRequest),
            BadInput("memories: penalty for an unknown memory", lookup + "&penalty=no-such-memory:5", .notFound, "memory-not-found"),
            BadInput("memories: changedAfter not a date", lookup + "&changedAfter=yesterday", .badRequest),
            BadInput("memories: unknown memory in a concordance", "/v1/tm/concordance?q=Putin&memories=nope", .notFound, "memory-not-found"),
            BadInput("memories: unknown memory in an export", "/v1/tm/export?memories=nope", .notFound, "memory-not-found"),
            BadInput("memories: export an unknown memory", "/v1/memories/nope/export", .notFound, "memory-not-found"),
            BadInput("memories: show an unknown memory", "/v1/memories/no-such-memory", .notFound, "memory-not-found"),
            BadInput("memories: show a name that is no slug", "/v1/memories/Upper", .badRequest),
            BadInput("memories: create a taken name", .post, "/v1/memories", text: #"{"name":"default"}"#, .conflict, "memory-exists"),
            BadInput("memories: create a name that is no slug", .post, "/v1/memories", text: #"{"name":"a b"}"#, .badRequest),
            BadInput("memories: create without a name", .post, "/v1/memories", text: #"{"client":"ACME"}"#, .badRequest),
            BadInput(
                "import: three languages for a PO file", .post, "/v1/tm/import?languages=en,de,ru", text: "msgid \"a\"\nmsgstr \"b\"\n", .badRequest),
            BadInput(
                "import: a PO file that names no language", .post, "/v1/tm/import", text: "msgid \"a\"\nmsgstr \"b\"\n", .unprocessableContent,
                "invalid-po"),
            BadInput("memories: create with penalty 101", .post, "/v1/memories", text: #"{"name":"x","penalty":101}"#, .badRequest),
            BadInput(
                "memories: create without the token", .post, "/v1/memories", text: #"{"name":"x"}"#, token: false, .unauthorized, "unauthorized"),
            BadInput("memories: change an unknown memory", .patch, "/v1/memories/nope", text: #"{"penalty":3}"#, .notFound, "memory-not-found"),
            BadInput("memories: penalty -5 on a memory", .patch, "/v1/memories/default", text: #"{"penalty":-5}"#, .badRequest),
            BadInput("memories: rename to no slug", .patch, "/v1/memories/default", text: #"{"name":"Default"}"#, .badRequest),
            BadInput(
                "memories: import into an unknown memory", .post, "/v1/memories/nope/import", text: tmxDocument(goodUnit), .notFound,
                "memory-not-found"),
            BadInput("imports: undo an import that does not exist", .delete, "/v1/imports/999999", body: nil, .notFound, "import-not-found"),
            BadInput("imports: undo an id that is no number", .delete, "/v1/imports/abc", body: nil, .badRequest),
            BadInput("units: no such unit", "/v1/units/999999", .notFound, "not-found"),
            BadInput(
                "units: edit into an empty segment", .put, "/v1/units/1", text: #"{"segments":[{"language":"en","text":"  "}]}"#,
                .unprocessableContent, "invalid-unit"),
            BadInput(
                "units: edit in a language the unit lacks", .put, "/v1/units/1", text: #"{"segments":[{"language":"de","text":"Hallo"}]}"#,
                .unprocessableContent, "invalid-unit"),
            BadInput("units: edit without the token", .put, "/v1/units/1", text: #"{"segments":[]}"#, token: false, .unauthorized, "unauthorized"),
            BadInput("units: add none", .post, "/v1/memories/default/units", text: #"{"units":[]}"#, .badRequest),
            BadInput(
                "units: add one language only", .post, "/v1/memories/default/units",
                text: #"{"units":[{"segments":[{"language":"en","text":"Alone"}]}]}"#, .unprocessableContent, "invalid-unit"),
            BadInput(
                "units: add into an unknown memory", .post, "/v1/memories/nope/units",
                text: #"{"units":[{"segments":[{"language":"en","text":"a"},{"language":"ru","text":"б"}]}]}"#, .notFound, "memory-not-found"),
            BadInput(
                "units: bulk delete with a bad date", .post, "/v1/memories/default/units/delete", text: #"{"changedAfter":"soon"}"#,
                .badRequest),
            BadInput("memories: delete default", .delete, "/v1/memories/default", body: nil, .conflict, "memory-kept"),
            BadInput("memories: delete an unknown memory", .delete, "/v1/memories/nope", body: nil, .notFound, "memory-not-found"),
            BadInput(
                "memories: import with ?memory= unknown", .post, "/v1/tm/import?memory=nope", text: tmxDocument(goodUnit), .notFound,
                "memory-not-found"),
        ]
    }
}

extension ServerTests {
    func stats(_ client: LiveClient) async throws -> [Int] {
        let body = try json(try await client.execute(uri: "/v1/stats", method: .get))
        return ["units", "segments", "concepts", "terms"].map { body[$0] as? Int ?? -1 }
    }

    @Test(arguments: BadInputs.imports + BadInputs.json + BadInputs.queries + BadInputs.memories)
    func badInputGetsItsExactAnswerAndChangesNothing(_ input: BadInput) async throws {
        try secretContent.write(toFile: secretPath, atomically: true, encoding: .utf8)
        try await withServer { client, memory in
            let before = try await self.stats(client)
            let memoriesBefore = try await memory.memories().map { "\($0.memory) \($0.units)" }
            var headers: HTTPFields = [:]
            if input.token { headers[.authorization] = "Bearer \(Self.token)" }
            let started = ContinuousClock.now
            let response = try await client.execute(
                uri: input.uri, method: input.method, headers: headers,
                body: input.body.map { ByteBuffer(bytes: $0) })
            // Hostile files fail without expanding an entity or fetching a DTD or URL, which would take
            // minutes or never end; the bound is that, not a speed (a loaded CI machine took 6 s for 10 MB).
            #expect(ContinuousClock.now - started < .seconds(60))
            let text = String(buffer: response.body)
            #expect(!text.contains(secretContent))
            #expect(!text.contains("/tmp/"), "a file path leaked: \(text)")
            #expect(!text.localizedCaseInsensitiveContains("sqlite"), "SQL leaked: \(text)")
            if let problem = input.problem {
                try self.expectProblem(response, input.status)
                #expect((try self.json(response)["type"] as? String) == "/problems/\(problem)")
            } else {
                #expect(response.status == input.status)
                let report = try self.json(response)
                if input.stores {
                    #expect((report["imported"] as? Int) == 1)
                    return
                }
                #expect((report["imported"] as? Int) == 0)
                #expect(((report["rejected"] as? [Any])?.count ?? 0) + ((report["skippedTerms"] as? [Any])?.count ?? 0) > 0)
            }
            #expect(try await self.stats(client) == before)
            #expect(try await memory.memories().map { "\($0.memory) \($0.units)" } == memoriesBefore)
        }
    }
}
