#include "glossa_shims.h"

#include <string.h>
#include <unicode/utrans.h>
#include <unicode/parseerr.h>
#include <unicode/ustring.h>
#include <stdio.h>
#include <stdlib.h>

struct glossa_transliterator {
    UTransliterator *transliterator;
};

static glossa_transliterator *wrap(UTransliterator *transliterator) {
    if (transliterator == NULL) return NULL;
    glossa_transliterator *t = malloc(sizeof *t);
    if (t == NULL) { utrans_close(transliterator); return NULL; }
    t->transliterator = transliterator;
    return t;
}

glossa_transliterator *glossa_translit_open(const uint16_t *id, int32_t id_length,
                                            const uint16_t *rules, int32_t rules_length,
                                            char *error, int32_t error_capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UParseError parse_error;
    UTransliterator *transliterator = utrans_openU((const UChar *)id, id_length, UTRANS_FORWARD,
                                                   (const UChar *)rules, rules ? rules_length : 0,
                                                   &parse_error, &status);
    if (U_FAILURE(status)) {
        if (error != NULL && error_capacity > 0) {
            if (rules != NULL) {
                snprintf(error, (size_t)error_capacity, "%s at rule line %d, offset %d",
                         u_errorName(status), parse_error.line, parse_error.offset);
            } else {
                snprintf(error, (size_t)error_capacity, "%s", u_errorName(status));
            }
        }
        return NULL;
    }
    return wrap(transliterator);
}

glossa_transliterator *glossa_translit_clone(const glossa_transliterator *t) {
    UErrorCode status = U_ZERO_ERROR;
    UTransliterator *copy = utrans_clone(t->transliterator, &status);
    return U_FAILURE(status) ? NULL : wrap(copy);
}

void glossa_translit_close(glossa_transliterator *t) {
    if (t == NULL) return;
    utrans_close(t->transliterator);
    free(t);
}

int32_t glossa_translit_transform(glossa_transliterator *t, const uint16_t *text, int32_t length,
                                  uint16_t *out, int32_t capacity) {
    if (length > capacity) return length * 2 + 16;
    memcpy(out, text, (size_t)length * sizeof(uint16_t));
    int32_t text_length = length, limit = length;
    UErrorCode status = U_ZERO_ERROR;
    utrans_transUChars(t->transliterator, (UChar *)out, &text_length, capacity, 0, &limit, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) return text_length > capacity ? text_length : capacity * 2;
    return U_FAILURE(status) ? -1 : text_length;
}

int32_t glossa_translit_transform_utf8(glossa_transliterator *t, const char *text, int32_t length,
                                       char *out, int32_t capacity) {
    // Most names fit on the stack; ICU works in UTF-16, with room for the text to grow.
    UChar stack[1024];
    int32_t room = length * 4 + 64;
    UChar *buffer = room <= (int32_t)(sizeof stack / sizeof *stack) ? stack : malloc((size_t)room * sizeof(UChar));
    if (buffer == NULL) return -1;
    int32_t result = -1;
    UErrorCode status = U_ZERO_ERROR;
    int32_t units = 0;
    u_strFromUTF8(buffer, room, &units, text, length, &status);
    if (U_SUCCESS(status)) {
        int32_t limit = units;
        utrans_transUChars(t->transliterator, buffer, &units, room, 0, &limit, &status);
        if (status == U_BUFFER_OVERFLOW_ERROR) {
            result = -2;  // grown past four times its length: the caller takes the UTF-16 path
        } else if (U_SUCCESS(status)) {
            int32_t written = 0;
            u_strToUTF8(out, capacity, &written, buffer, units, &status);
            result = status == U_BUFFER_OVERFLOW_ERROR || written > capacity ? written : (U_FAILURE(status) ? -1 : written);
        }
    }
    if (buffer != stack) free(buffer);
    return result;
}
