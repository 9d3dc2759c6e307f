#include "glossa_shims.h"

#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uloc.h>
#include <unicode/unorm2.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

int32_t glossa_lang_canonical(const char *tag, char *out, int32_t capacity) {
    char bcp[ULOC_FULLNAME_CAPACITY];
    size_t n = strlen(tag);
    if (n == 0 || n >= sizeof bcp) return -1;
    for (size_t i = 0; i <= n; i++) bcp[i] = tag[i] == '_' ? '-' : tag[i];

    UErrorCode status = U_ZERO_ERROR;
    char locale[ULOC_FULLNAME_CAPACITY];
    int32_t parsed = 0;
    uloc_forLanguageTag(bcp, locale, sizeof locale, &parsed, &status);
    if (U_FAILURE(status) || parsed != (int32_t)n) return -1;
    int32_t length = uloc_toLanguageTag(locale, out, capacity, 1, &status);
    if (U_FAILURE(status) || status == U_STRING_NOT_TERMINATED_WARNING) return -1;
    return length;
}

int32_t glossa_lang_maximize(const char *tag, char *out, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    char locale[ULOC_FULLNAME_CAPACITY], maximized[ULOC_FULLNAME_CAPACITY];
    int32_t parsed = 0;
    uloc_forLanguageTag(tag, locale, sizeof locale, &parsed, &status);
    if (U_FAILURE(status)) return -1;
    uloc_addLikelySubtags(locale, maximized, sizeof maximized, &status);
    if (U_FAILURE(status)) return -1;
    int32_t length = uloc_toLanguageTag(maximized, out, capacity, 1, &status);
    if (U_FAILURE(status) || status == U_STRING_NOT_TERMINATED_WARNING) return -1;
    return length;
}

int32_t glossa_normalize(glossa_normalization form, const uint16_t *text, int32_t length,
                         uint16_t *out, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *normalizer = form == GLOSSA_NFC ? unorm2_getNFCInstance(&status)
                                                        : unorm2_getNFKCCasefoldInstance(&status);
    if (U_FAILURE(status)) return -1;
    int32_t needed = unorm2_normalize(normalizer, (const UChar *)text, length, (UChar *)out, capacity, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) return needed;
    return U_FAILURE(status) ? -1 : needed;
}


// Creating a break iterator loads rules and dictionaries: do it once per thread. ICU reads the
// UTF-8 text through a UText without converting it.
static _Thread_local UBreakIterator *word_iterator;
static _Thread_local UText *utf8_text;

static glossa_token_kind classify(const char *text, int32_t start, int32_t end, int32_t status, int *is_space) {
    *is_space = 0;
    if (status >= UBRK_WORD_NUMBER && status < UBRK_WORD_NUMBER_LIMIT) return GLOSSA_TOKEN_NUMBER;
    if (status >= UBRK_WORD_LETTER && status < UBRK_WORD_IDEO_LIMIT) return GLOSSA_TOKEN_WORD;
    // ICU gives status 0 both to punctuation and to whitespace.
    int all_space = 1, has_alnum = 0;
    for (int32_t i = start; i < end;) {
        UChar32 c;
        U8_NEXT(text, i, end, c);
        if (c < 0) { all_space = 0; continue; }
        if (!u_isUWhiteSpace(c)) all_space = 0;
        if (u_hasBinaryProperty(c, UCHAR_ALPHABETIC) || u_getIntPropertyValue(c, UCHAR_NUMERIC_TYPE) != U_NT_NONE) has_alnum = 1;
    }
    *is_space = all_space;
    return has_alnum ? GLOSSA_TOKEN_WORD : GLOSSA_TOKEN_PUNCTUATION;
}

int32_t glossa_word_tokens(const char *text, int32_t length, int32_t *starts, int32_t *ends,
                           uint8_t *kinds, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    if (word_iterator == NULL) {
        word_iterator = ubrk_open(UBRK_WORD, "", NULL, 0, &status);
        if (U_FAILURE(status)) { word_iterator = NULL; return -1; }
    }
    utf8_text = utext_openUTF8(utf8_text, text, length, &status);
    if (U_FAILURE(status)) { utf8_text = NULL; return -1; }
    ubrk_setUText(word_iterator, utf8_text, &status);
    if (U_FAILURE(status)) return -1;
    int32_t count = 0;
    int32_t start = ubrk_first(word_iterator);
    for (int32_t end = ubrk_next(word_iterator); end != UBRK_DONE; start = end, end = ubrk_next(word_iterator)) {
        // Fast path: one ASCII space, the usual separator of a fold key.
        if (end - start == 1 && text[start] == ' ') continue;
        int is_space;
        glossa_token_kind kind = classify(text, start, end, ubrk_getRuleStatus(word_iterator), &is_space);
        if (is_space) continue;
        if (count < capacity) {
            starts[count] = start;
            ends[count] = end;
            kinds[count] = (uint8_t)kind;
        }
        count++;
    }
    // Drop the reference to the caller's buffer.
    utf8_text = utext_openUTF8(utf8_text, "", 0, &status);
    ubrk_setUText(word_iterator, utf8_text, &status);
    return count;
}
