import CShims
import Foundation

/// A pull reader over libxml2's streaming parser that never loads a DTD, resolves an external
/// entity or expands a declared one: a document that declares or uses entities is refused.
final class XMLStreamReader {
    enum Node {
        case startElement(name: String, qualifiedName: String, attributes: [(name: String, value: String)], isEmpty: Bool)
        case endElement(name: String)
        case text(String)
    }

    private let reader: OpaquePointer
    private var checkedDeclarations = false

    init(path: String) throws(FormatError) {
        // libxml2 calls a 0-byte file "extra content at the end": name it for what it is.
        var status = stat()
        if stat(path, &status) == 0, status.st_size == 0 { throw .emptyFile }
        guard let reader = glossa_xml_open_file(path) else { throw .cannotOpen(path: path) }
        self.reader = reader
    }

    deinit { glossa_xml_close(reader) }

    var line: Int { Int(glossa_xml_line(reader)) }
    var bytesConsumed: Int { glossa_xml_bytes_consumed(reader) }

    /// The next node of interest, or nil at the end of the document.
    func next() throws(FormatError) -> Node? {
        while true {
            let status = glossa_xml_read(reader)
            if status < 0 { throw error() }
            if status == 0 { return nil }
            switch glossa_xml_node_type(reader) {
            case Int32(GLOSSA_XML_DOCUMENT_TYPE.rawValue):
                try checkDeclarations()
            case Int32(GLOSSA_XML_ELEMENT.rawValue):
                try checkDeclarations()
                let name = String(cString: glossa_xml_local_name(reader))
                let qualifiedName = String(cString: glossa_xml_name(reader))
                let isEmpty = glossa_xml_is_empty_element(reader) == 1
                var attributes: [(name: String, value: String)] = []
                while glossa_xml_next_attribute(reader) == 1 {
                    let value = glossa_xml_value(reader).map { String(cString: $0) } ?? ""
                    attributes.append((String(cString: glossa_xml_name(reader)), value))
                }
                glossa_xml_move_to_element(reader)
                return .startElement(name: name, qualifiedName: qualifiedName, attributes: attributes, isEmpty: isEmpty)
            case Int32(GLOSSA_XML_END_ELEMENT.rawValue):
                return .endElement(name: String(cString: glossa_xml_local_name(reader)))
            case Int32(GLOSSA_XML_TEXT.rawValue), Int32(GLOSSA_XML_CDATA.rawValue),
                Int32(GLOSSA_XML_WHITESPACE.rawValue), Int32(GLOSSA_XML_SIGNIFICANT_WHITESPACE.rawValue):
                return .text(glossa_xml_value(reader).map { String(cString: $0) } ?? "")
            case Int32(GLOSSA_XML_ENTITY_REFERENCE.rawValue):
                throw .entityReference(name: String(cString: glossa_xml_name(reader)), line: line)
            default:
                continue  // comments, processing instructions
            }
        }
    }

    /// All text up to the end of the element `name` (nested elements' text included).
    func text(until name: String) throws(FormatError) -> String {
        var text = ""
        var depth = 0
        while let node = try next() {
            switch node {
            case .text(let value): text += value
            case .startElement(let child, _, _, let isEmpty): if child == name && !isEmpty { depth += 1 }
            case .endElement(let child):
                if child == name {
                    if depth == 0 { return text }
                    depth -= 1
                }
            }
        }
        return text
    }

    private func checkDeclarations() throws(FormatError) {
        guard !checkedDeclarations else { return }
        checkedDeclarations = true
        if glossa_xml_declares_entities(reader) == 1 { throw .entityDeclarations(line: line) }
    }

    private func error() -> FormatError {
        // libxml2 stops entity bombs itself ("entity reference loop", "amplification"); say why plainly.
        if glossa_xml_declares_entities(reader) == 1 { return .entityDeclarations(line: line) }
        guard let message = glossa_xml_error_message(reader) else {
            return .malformed(message: "unreadable XML", line: line)
        }
        let text = String(cString: message)
        if text.hasPrefix("Document is empty") { return .emptyFile }
        // libxml2's own limit on one text node (XML_MAX_TEXT_LENGTH, without XML_PARSE_HUGE, which
        // would lift its other safety limits too).
        if text.contains("huge text node") { return .textTooLong(line: Int(glossa_xml_error_line(reader))) }
        if text.hasPrefix("Entity '"), let name = text.split(separator: "'").dropFirst().first {
            return .entityReference(name: String(name), line: Int(glossa_xml_error_line(reader)))
        }
        return .malformed(message: text, line: Int(glossa_xml_error_line(reader)))
    }
}
