#include "glossa_shims.h"

#include <stdlib.h>
#include <string.h>
#include <libxml/xmlreader.h>

struct glossa_xml_reader {
    xmlTextReaderPtr reader;
    char *error;
    int error_line;
};

// No DTD loading (no XML_PARSE_DTDLOAD), no entity substitution (no XML_PARSE_NOENT), no network;
// CDATA arrives as text. Without XML_PARSE_HUGE libxml2 keeps its limits on node sizes and depth.
// BIG_LINES: line numbers past 65,535 are kept (reports on large files name the right line).
static const int parse_options = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_COMPACT | XML_PARSE_BIG_LINES;

static void record_error(void *context, xmlErrorPtr error) {
    struct glossa_xml_reader *r = context;
    if (r->error != NULL || error == NULL) return;
    // An undeclared entity is only a warning to libxml2 when a DTD is named: its text would be lost.
    if (error->level < XML_ERR_ERROR && error->code != XML_WAR_UNDECLARED_ENTITY) return;
    const char *message = error->message ? error->message : "XML error";
    r->error = strdup(message);
    size_t n = strlen(r->error);
    while (n > 0 && (r->error[n - 1] == '\n' || r->error[n - 1] == ' ')) r->error[--n] = '\0';
    r->error_line = error->line;
}

static glossa_xml_reader *wrap(xmlTextReaderPtr reader) {
    if (reader == NULL) return NULL;
    glossa_xml_reader *r = calloc(1, sizeof *r);
    if (r == NULL) { xmlFreeTextReader(reader); return NULL; }
    r->reader = reader;
    xmlTextReaderSetStructuredErrorHandler(reader, record_error, r);
    return r;
}

glossa_xml_reader *glossa_xml_open_file(const char *path) {
    return wrap(xmlReaderForFile(path, NULL, parse_options));
}

glossa_xml_reader *glossa_xml_open_memory(const char *buffer, int32_t length) {
    return wrap(xmlReaderForMemory(buffer, length, NULL, NULL, parse_options));
}

void glossa_xml_close(glossa_xml_reader *r) {
    if (r == NULL) return;
    // Once xmlTextReaderCurrentDoc has been called (glossa_xml_declares_entities does), the reader
    // no longer frees its document: taking it here makes the document always ours to free.
    xmlDocPtr doc = xmlTextReaderCurrentDoc(r->reader);
    xmlFreeTextReader(r->reader);
    xmlFreeDoc(doc);
    free(r->error);
    free(r);
}

int glossa_xml_read(glossa_xml_reader *r) {
    int result = xmlTextReaderRead(r->reader);
    if (result >= 0 && r->error != NULL) return -1;
    return result;
}

int glossa_xml_node_type(glossa_xml_reader *r) { return xmlTextReaderNodeType(r->reader); }
const char *glossa_xml_local_name(glossa_xml_reader *r) { return (const char *)xmlTextReaderConstLocalName(r->reader); }
const char *glossa_xml_name(glossa_xml_reader *r) { return (const char *)xmlTextReaderConstName(r->reader); }
const char *glossa_xml_value(glossa_xml_reader *r) { return (const char *)xmlTextReaderConstValue(r->reader); }
int glossa_xml_is_empty_element(glossa_xml_reader *r) { return xmlTextReaderIsEmptyElement(r->reader); }
int glossa_xml_depth(glossa_xml_reader *r) { return xmlTextReaderDepth(r->reader); }
int glossa_xml_line(glossa_xml_reader *r) {
    // The line of the current node where libxml2 recorded it; the parser's own position can be
    // several lines further on, since it reads ahead.
    xmlNodePtr node = xmlTextReaderCurrentNode(r->reader);
    long line = node ? xmlGetLineNo(node) : -1;
    return line > 0 ? (int)line : xmlTextReaderGetParserLineNumber(r->reader);
}
long glossa_xml_bytes_consumed(glossa_xml_reader *r) { return xmlTextReaderByteConsumed(r->reader); }
int glossa_xml_next_attribute(glossa_xml_reader *r) { return xmlTextReaderMoveToNextAttribute(r->reader) == 1; }
void glossa_xml_move_to_element(glossa_xml_reader *r) { xmlTextReaderMoveToElement(r->reader); }

int glossa_xml_declares_entities(glossa_xml_reader *r) {
    xmlDocPtr doc = xmlTextReaderCurrentDoc(r->reader);
    if (doc == NULL || doc->intSubset == NULL) return 0;
    xmlDtdPtr dtd = doc->intSubset;
    return (dtd->entities != NULL && xmlHashSize(dtd->entities) > 0)
        || (dtd->pentities != NULL && xmlHashSize(dtd->pentities) > 0);
}

const char *glossa_xml_error_message(glossa_xml_reader *r) { return r->error; }
int glossa_xml_error_line(glossa_xml_reader *r) { return r->error_line; }
