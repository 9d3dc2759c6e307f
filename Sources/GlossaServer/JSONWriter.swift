import NIOCore

/// JSON written straight into a buffer, byte for byte as `JSONEncoder.glossa` writes it: keys in
/// UTF-8 byte order, `/` unescaped, control characters as short or `\u00XX` escapes, whole
/// doubles without a fraction, nil fields left out. For the answers the server writes most,
/// where Foundation's `Encodable` containers cost more than the search behind the answer;
/// `JSONWriterTests` holds each such answer to the encoder's bytes. Fields are written in the
/// order given: callers give them sorted.
struct JSONWriter {
    private(set) var buffer: ByteBuffer
    /// A value was written at this level: the next key or element needs a comma first.
    private var needsComma = false

    init(capacity: Int = Self.initialCapacity) {
        buffer = ByteBufferAllocator().buffer(capacity: capacity)
    }

    static let initialCapacity = 2_048

    // MARK: Values

    mutating func string(_ text: String) {
        separate()
        quoted(text)
        needsComma = true
    }

    mutating func integer(_ value: some BinaryInteger) {
        separate()
        buffer.writeString(String(value))
        needsComma = true
    }

    mutating func bool(_ value: Bool) {
        separate()
        buffer.writeStaticString(value ? "true" : "false")
        needsComma = true
    }

    /// As Foundation writes a double: its shortest round-trip form, `1` rather than `1.0`.
    mutating func double(_ value: Double) {
        separate()
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        buffer.writeString(text)
        needsComma = true
    }

    /// A whole number written with a fraction (`80.0`), for clients that read it as a double and
    /// fail on an integer (the encoder writes a whole double without one).
    mutating func wholeNumberWithFraction(_ value: Int) {
        separate()
        buffer.writeString("\(value).0")
        needsComma = true
    }

    mutating func value(_ value: some JSONWritable) {
        value.write(to: &self)
    }

    mutating func array<Element>(_ elements: some Sequence<Element>, _ write: (inout JSONWriter, Element) -> Void) {
        separate()
        buffer.writeInteger(UInt8(ascii: "["))
        needsComma = false
        for element in elements { write(&self, element) }
        buffer.writeInteger(UInt8(ascii: "]"))
        needsComma = true
    }

    mutating func object(_ fields: (inout JSONWriter) -> Void) {
        separate()
        buffer.writeInteger(UInt8(ascii: "{"))
        needsComma = false
        fields(&self)
        buffer.writeInteger(UInt8(ascii: "}"))
        needsComma = true
    }

    // MARK: Fields of an object

    mutating func key(_ name: String) {
        separate()
        quoted(name)
        buffer.writeInteger(UInt8(ascii: ":"))
        needsComma = false
    }

    mutating func field(_ name: String, _ text: String?) {
        guard let text else { return }
        key(name)
        string(text)
    }

    mutating func field(_ name: String, _ value: (some BinaryInteger)?) {
        guard let value else { return }
        key(name)
        integer(value)
    }

    mutating func field(_ name: String, _ value: Bool) {
        key(name)
        bool(value)
    }

    mutating func field(_ name: String, _ value: Double) {
        key(name)
        double(value)
    }

    mutating func field(_ name: String, _ value: (some JSONWritable)?) {
        guard let value else { return }
        key(name)
        value.write(to: &self)
    }

    mutating func field(_ name: String, _ texts: [String]) {
        key(name)
        array(texts) { $0.string($1) }
    }

    /// A dictionary as an object, its keys sorted as the encoder sorts them.
    mutating func field<Value: JSONWritable>(_ name: String, _ values: [String: Value]) {
        key(name)
        object { json in
            for (key, value) in values.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
                json.field(key, value)
            }
        }
    }

    // MARK: Bytes

    private mutating func separate() {
        if needsComma { buffer.writeInteger(UInt8(ascii: ",")) }
    }

    /// The text in quotes, escaped as JSON requires and no more (UTF-8 as it is).
    private mutating func quoted(_ text: String) {
        buffer.writeInteger(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var plainStart = 0
            for (index, byte) in bytes.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                buffer.writeBytes(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[plainStart..<index])))
                escape(byte)
                plainStart = index + 1
            }
            buffer.writeBytes(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[plainStart...])))
        }
        buffer.writeInteger(UInt8(ascii: "\""))
    }

    private mutating func escape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): buffer.writeStaticString("\\\"")
        case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
        case 0x08: buffer.writeStaticString("\\b")
        case 0x09: buffer.writeStaticString("\\t")
        case 0x0A: buffer.writeStaticString("\\n")
        case 0x0C: buffer.writeStaticString("\\f")
        case 0x0D: buffer.writeStaticString("\\r")
        default:
            buffer.writeStaticString("\\u00")
            buffer.writeInteger(Self.hexDigits[Int(byte >> 4)])
            buffer.writeInteger(Self.hexDigits[Int(byte & 0x0F)])
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}

/// A value `JSONWriter` writes without `Encodable`.
protocol JSONWritable {
    func write(to json: inout JSONWriter)
}

extension Array: JSONWritable where Element: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.array(self) { $0.value($1) }
    }
}
