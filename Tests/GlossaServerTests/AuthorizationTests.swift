import Testing

@testable import GlossaServer

@Suite struct AuthorizationTests {
    @Test func tokensAreEqualOnlyWhenEveryByteAndTheLengthAre() {
        let token = Array("s3cret-token".utf8)
        #expect(CallerMiddleware<GlossaRequestContext>.constantTimeEqual(token, token))
        #expect(!CallerMiddleware<GlossaRequestContext>.constantTimeEqual(token, Array(token.dropLast())))
        #expect(!CallerMiddleware<GlossaRequestContext>.constantTimeEqual(token, token + [0]))
        // Lengths differing by a multiple of 256, padded with what the comparison pads with.
        #expect(!CallerMiddleware<GlossaRequestContext>.constantTimeEqual(token, token + [UInt8](repeating: 0, count: 256)))
        #expect(!CallerMiddleware<GlossaRequestContext>.constantTimeEqual([], [UInt8](repeating: 0, count: 512)))
        #expect(!CallerMiddleware<GlossaRequestContext>.constantTimeEqual(token, Array("s3cret-tokem".utf8)))
    }
}
