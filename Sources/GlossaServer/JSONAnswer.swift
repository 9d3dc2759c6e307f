import Hummingbird

/// An answer written by `JSONWriter` rather than `JSONEncoder`: for the routes called most, where
/// the encoder cost a large part of the request. `Encodable` still says what the bytes must be:
/// `JSONWriterTests` compares the two.
protocol JSONAnswer: Encodable, ResponseGenerator, JSONWritable {}

extension JSONAnswer {
    func response(from request: Request, context: some RequestContext) -> Response {
        var json = JSONWriter()
        write(to: &json)
        return json.response
    }
}

extension JSONWriter {
    /// What was written, as a 200 answer with the encoder's content type.
    var response: Response {
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: buffer))
    }
}
