import Testing

@testable import GlossaServer

struct QueryParameterTests {
    @Test("A query string's + is a space and its %XX escapes are UTF-8 bytes, %2B staying a plus")
    func decodesPlusAndEscapes() {
        #expect(QueryParameters.decode("Vladimir+Putin") == "Vladimir Putin")
        #expect(QueryParameters.decode("%D0%9F%D1%83%D1%82%D0%B8%D0%BD") == "Путин")
        #expect(QueryParameters.decode("%e5%ae%89%e9%81%93%e5%b0%94") == "安道尔")
        #expect(QueryParameters.decode("C%2B%2B+and+Swift") == "C++ and Swift")
        #expect(QueryParameters.decode("Andorra") == "Andorra")
    }

    @Test("An escape without two hex digits or bytes that are not UTF-8 decode to nothing")
    func refusesBrokenEscapes() {
        for broken in ["50%", "%4", "%G0", "%E0%A4", "%FF"] {
            #expect(QueryParameters.decode(Substring(broken)) == nil, "\(broken)")
        }
    }
}
