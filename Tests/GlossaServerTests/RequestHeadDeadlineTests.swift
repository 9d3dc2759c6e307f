import HTTPTypes
import NIOCore
import NIOEmbedded
import NIOHTTPTypes
import Testing

@testable import GlossaServer

/// The head deadline's rules, on a channel whose clock the test moves: no thread of a loaded machine
/// can make a head late here, so the tests say exactly when a connection is cut and when it is not.
/// `LimitTests` shows the handler in the live server's pipeline.
struct RequestHeadDeadlineTests {
    static let deadline = TimeAmount.seconds(3)
    static let justUnder = deadline - .milliseconds(1)
    static let request = HTTPRequest(method: .get, scheme: nil, authority: "127.0.0.1", path: "/health")

    /// A connected channel with the deadline handler alone in its pipeline.
    func connectedChannel() throws -> EmbeddedChannel {
        let channel = EmbeddedChannel(handler: RequestHeadDeadlineHandler(deadline: Self.deadline))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 8080)).wait()
        return channel
    }

    func receiveRequest(on channel: EmbeddedChannel) throws {
        try channel.writeInbound(HTTPRequestPart.head(Self.request))
        try channel.writeInbound(HTTPRequestPart.end(nil))
    }

    func sendResponse(on channel: EmbeddedChannel) throws {
        try channel.writeOutbound(HTTPResponsePart.head(HTTPResponse(status: .ok)))
        try channel.writeOutbound(HTTPResponsePart.end(nil))
    }

    /// The channel stays open until the deadline, and not a millisecond past it.
    func expectClosedExactlyAtTheDeadline(_ channel: EmbeddedChannel, sourceLocation: SourceLocation = #_sourceLocation) {
        channel.embeddedEventLoop.advanceTime(by: Self.justUnder)
        #expect(channel.isActive, sourceLocation: sourceLocation)
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(1))
        #expect(!channel.isActive, sourceLocation: sourceLocation)
    }

    @Test func aConnectionWhoseFirstHeadNeverArrivesIsClosedAtTheDeadline() throws {
        expectClosedExactlyAtTheDeadline(try connectedChannel())
    }

    @Test func aKeepAliveConnectionOutlivesTheDeadlineWhileEachHeadArrivesInTime() throws {
        let channel = try connectedChannel()
        defer { _ = try? channel.finish() }
        let requests = 6
        for _ in 0..<requests {
            channel.embeddedEventLoop.advanceTime(by: Self.justUnder)
            try receiveRequest(on: channel)
            // A slow answer is the request timeout's business, not the head deadline's.
            channel.embeddedEventLoop.advanceTime(by: Self.deadline * 4)
            try sendResponse(on: channel)
            #expect(channel.isActive)
        }
        // The connection has lived far longer than the deadline; the next head still gets all of it.
        expectClosedExactlyAtTheDeadline(channel)
    }

    @Test func theDeadlineWaitsForTheLastOfPipelinedRequestsToBeAnswered() throws {
        let channel = try connectedChannel()
        defer { _ = try? channel.finish() }
        try receiveRequest(on: channel)
        try receiveRequest(on: channel)
        try sendResponse(on: channel)
        channel.embeddedEventLoop.advanceTime(by: Self.deadline * 2)
        #expect(channel.isActive, "cut while the second request was still being answered")
        try sendResponse(on: channel)
        channel.embeddedEventLoop.advanceTime(by: Self.deadline)
        #expect(!channel.isActive)
    }
}
