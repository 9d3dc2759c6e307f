// The system libraries Glossa calls from Swift: ICU 72, libxml2, libcrypto, Snowball's libstemmer.
// Only our own functions and opaque types are declared here: ICU's and libxml2's own
// headers must not reach Swift, where they clash with Foundation's bundled copies.
#ifndef GLOSSA_SHIMS_H
#define GLOSSA_SHIMS_H

#include <stddef.h>
#include <stdint.h>

// MARK: ICU: language tags

/// Canonical BCP 47 form of `tag` (also accepts POSIX `en_US`). Returns the length written to
/// `out` (NUL-terminated), or -1 when ICU cannot parse the whole tag.
int32_t glossa_lang_canonical(const char *tag, char *out, int32_t capacity);
/// The tag with likely subtags added (`zh-TW` -> `zh-Hant-TW`). Same return convention.
int32_t glossa_lang_maximize(const char *tag, char *out, int32_t capacity);

// MARK: ICU: normalization (UTF-16 in, UTF-16 out) and word breaks (UTF-8)

typedef enum {
    GLOSSA_NFC = 0,
    GLOSSA_NFKC_CASEFOLD = 1,
} glossa_normalization;

/// Normalizes `text`; returns the length needed (may exceed `capacity`: call again), or -1 on error.
int32_t glossa_normalize(glossa_normalization form, const uint16_t *text, int32_t length,
                         uint16_t *out, int32_t capacity);

/// Kinds of the tokens `glossa_word_tokens` reports.
typedef enum {
    GLOSSA_TOKEN_PUNCTUATION = 1,
    GLOSSA_TOKEN_WORD = 2,
    GLOSSA_TOKEN_NUMBER = 3,
} glossa_token_kind;

/// The tokens of UTF-8 `text` by ICU's word-break rules, whitespace left out: writes up to
/// `capacity` byte offsets into `starts` and `ends` and a `glossa_token_kind` into `kinds`
/// (a piece ICU marks as neither word nor number is a word if it holds a letter or digit, else
/// punctuation). Returns the number of tokens (may exceed `capacity`: call again), or -1 on error.
/// Thread-safe: each thread keeps its own break iterator. Works on UTF-8 directly, so that a
/// caller holding UTF-8 (Swift strings) pays no conversion.
int32_t glossa_word_tokens(const char *text, int32_t length, int32_t *starts, int32_t *ends,
                           uint8_t *kinds, int32_t capacity);

// MARK: ICU: transliteration

typedef struct glossa_transliterator glossa_transliterator;

/// Opens a transliterator by ICU id (`Russian-Latin/BGN`, compound ids `A; B`), or from rules when
/// `rules` is not NULL (then `id` only names it). NULL on failure, with ICU's reason in `error`.
glossa_transliterator *glossa_translit_open(const uint16_t *id, int32_t id_length,
                                            const uint16_t *rules, int32_t rules_length,
                                            char *error, int32_t error_capacity);
/// An independent copy: a transliterator must not be used by two threads at once.
glossa_transliterator *glossa_translit_clone(const glossa_transliterator *transliterator);
void glossa_translit_close(glossa_transliterator *transliterator);
/// Transliterates `text` into `out`; returns the length of the result, which may exceed
/// `capacity` (call again with more room), or -1 on error.
int32_t glossa_translit_transform(glossa_transliterator *transliterator, const uint16_t *text, int32_t length,
                                  uint16_t *out, int32_t capacity);
/// The same from UTF-8 to UTF-8 (Swift strings are UTF-8: no conversion on the Swift side).
/// Returns the length of the result in bytes, which may exceed `capacity` (call again with that
/// much room), -2 when the text grew past four times its length (use the UTF-16 function), or -1
/// on error.
int32_t glossa_translit_transform_utf8(glossa_transliterator *transliterator, const char *text, int32_t length,
                                       char *out, int32_t capacity);

// MARK: Snowball stemmers (libstemmer)

/// The Snowball stem of one lower-case UTF-8 word by `algorithm` (`russian`, `english`, `german`, ...).
/// Returns the stem's length in bytes, written to `out` when it fits (it never exceeds `length`),
/// or -1 for an unknown algorithm. Thread-safe: each thread keeps its own stemmers.
int32_t glossa_stem(const char *algorithm, const char *word, int32_t length, char *out, int32_t capacity);

// MARK: libcrypto

void glossa_sha256(const void *data, size_t length, uint8_t digest[32]);

// MARK: libxml2 streaming reader, set up so that no DTD or external entity is ever loaded

typedef struct glossa_xml_reader glossa_xml_reader;

typedef enum {
    GLOSSA_XML_ELEMENT = 1,
    GLOSSA_XML_TEXT = 3,
    GLOSSA_XML_CDATA = 4,
    GLOSSA_XML_ENTITY_REFERENCE = 5,
    GLOSSA_XML_DOCUMENT_TYPE = 10,
    GLOSSA_XML_WHITESPACE = 13,
    GLOSSA_XML_SIGNIFICANT_WHITESPACE = 14,
    GLOSSA_XML_END_ELEMENT = 15,
} glossa_xml_node_kind;

/// Opens a file (gzip-compressed files are read transparently). NULL if it cannot be opened.
glossa_xml_reader *glossa_xml_open_file(const char *path);
/// Reads from memory; the buffer must outlive the reader.
glossa_xml_reader *glossa_xml_open_memory(const char *buffer, int32_t length);
void glossa_xml_close(glossa_xml_reader *reader);

/// Advances to the next node: 1 when there is one, 0 at the end, -1 on an error.
int glossa_xml_read(glossa_xml_reader *reader);
int glossa_xml_node_type(glossa_xml_reader *reader);
/// Local name of an element (or of the current attribute), NUL-terminated UTF-8.
const char *glossa_xml_local_name(glossa_xml_reader *reader);
/// Qualified name (`xml:lang`) of the current attribute or element.
const char *glossa_xml_name(glossa_xml_reader *reader);
/// Text of a text node or value of the current attribute (UTF-8), or NULL.
const char *glossa_xml_value(glossa_xml_reader *reader);
int glossa_xml_is_empty_element(glossa_xml_reader *reader);
int glossa_xml_depth(glossa_xml_reader *reader);
int glossa_xml_line(glossa_xml_reader *reader);
/// Bytes of input consumed so far (of the decompressed stream for gzip files).
long glossa_xml_bytes_consumed(glossa_xml_reader *reader);
/// 1 if the document declares entities in an internal DTD subset.
int glossa_xml_declares_entities(glossa_xml_reader *reader);
/// Attribute iteration: 1 moved to the next attribute, 0 none left. Return to the element after.
int glossa_xml_next_attribute(glossa_xml_reader *reader);
void glossa_xml_move_to_element(glossa_xml_reader *reader);

/// The first error libxml2 reported, or NULL; and its line.
const char *glossa_xml_error_message(glossa_xml_reader *reader);
int glossa_xml_error_line(glossa_xml_reader *reader);

// MARK: ICU: CLDR names (display names of codes, time-zone exemplar cities)

typedef enum {
    GLOSSA_NAME_LANGUAGE = 0,
    GLOSSA_NAME_SCRIPT = 1,
    GLOSSA_NAME_REGION = 2,
} glossa_name_kind;

/// ISO 3166 region codes, NULL-terminated (ICU's static list).
const char *const *glossa_iso_regions(void);
/// Locales ICU has data for (`af`, `ar_EG`, ...).
int32_t glossa_available_locale_count(void);
const char *glossa_available_locale(int32_t index);
/// ISO 15924 codes: `glossa_script_short_name(n)` for n below the limit (`Latn`, `Cyrl`, ...).
int32_t glossa_script_code_limit(void);
const char *glossa_script_short_name(int32_t code);
/// The name of a language, script or region code in `display_locale`. Returns the length (may
/// exceed `capacity`), 0 when CLDR has no name there, -1 on error.
int32_t glossa_display_name(glossa_name_kind kind, const char *code, const char *display_locale,
                            uint16_t *out, int32_t capacity);

typedef struct glossa_zone_list glossa_zone_list;
/// Canonical location time zones of a region (`Europe/Moscow` for `RU`).
glossa_zone_list *glossa_zones_open(const char *region);
const char *glossa_zones_next(glossa_zone_list *zones);
void glossa_zones_close(glossa_zone_list *zones);
/// The exemplar city of a time zone in `display_locale` (CLDR pattern `VVV`). Same return convention.
int32_t glossa_exemplar_city(const char *zone, const char *display_locale, uint16_t *out, int32_t capacity);
/// The CLDR version of ICU's data, as `42.0`.
int32_t glossa_cldr_version(char *out, int32_t capacity);

#endif
