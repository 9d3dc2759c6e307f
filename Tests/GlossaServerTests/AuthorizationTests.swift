import Testing

@testable import GlossaServer

@Suite struct AuthorizationTests {
    @Test func tokensAreEqualOnlyWhenEveryByteAndTheLengthAre() {
        let token = Array("s3cret-token".utf8)
        #expect(WriteAuthorization.constantTimeEqual(token, token))
        #expect(!WriteAuthorization.constantTimeEqual(token, Array(token.dropLast())))
        #expect(!WriteAuthorization.constantTimeEqual(token, token + [0]))
        // Lengths differing by a multiple of 256, padded with what the comparison pads with.
        #expect(!WriteAuthorization.constantTimeEqual(token, token + [UInt8](repeating: 0, count: 256)))
        #expect(!WriteAuthorization.constantTimeEqual([], [UInt8](repeating: 0, count: 512)))
        #expect(!WriteAuthorization.constantTimeEqual(token, Array("s3cret-tokem".utf8)))
    }
}
