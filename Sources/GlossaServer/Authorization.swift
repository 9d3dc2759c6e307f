import Hummingbird

/// Reads are public; writes need `Authorization: Bearer <token>`.
struct WriteAuthorization: Sendable {
    let token: String?

    /// Throws 403 when writes are disabled, 401 when the token is missing or wrong.
    func check(_ request: Request) throws {
        guard let token else {
            throw Problem.writesDisabled("this server accepts no writes: start it with --token or GLOSSA_TOKEN to enable them")
        }
        let header = request.headers[.authorization] ?? ""
        let prefix = "Bearer "
        guard header.hasPrefix(prefix), Self.constantTimeEqual(Array(header.utf8.dropFirst(prefix.utf8.count)), Array(token.utf8)) else {
            throw Problem.unauthorized("this request writes: send 'Authorization: Bearer <token>' with the server's token")
        }
    }

    /// Compares without returning early, so timing does not reveal how much of a token was right.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        // The lengths are compared whole: truncated to a byte, a token followed by 256 NULs would pass.
        var difference = UInt(bitPattern: a.count ^ b.count)
        for index in 0..<max(a.count, b.count) {
            let x = index < a.count ? a[index] : 0
            let y = index < b.count ? b[index] : 0
            difference |= UInt(x ^ y)
        }
        return difference == 0
    }
}
