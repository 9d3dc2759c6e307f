#include "glossa_shims.h"

#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uloc.h>
#include <unicode/unorm2.h>

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

// Creating a break iterator loads rules and dictionaries: do it once per thread.
static _Thread_local UBreakIterator *word_iterator;

int32_t glossa_word_breaks(const uint16_t *text, int32_t length,
                           int32_t *ends, int32_t *statuses, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    if (word_iterator == NULL) {
        word_iterator = ubrk_open(UBRK_WORD, "", NULL, 0, &status);
        if (U_FAILURE(status)) { word_iterator = NULL; return -1; }
    }
    ubrk_setText(word_iterator, (const UChar *)text, length, &status);
    if (U_FAILURE(status)) return -1;
    int32_t count = 0;
    ubrk_first(word_iterator);
    for (int32_t end = ubrk_next(word_iterator); end != UBRK_DONE; end = ubrk_next(word_iterator)) {
        if (count < capacity) {
            ends[count] = end;
            statuses[count] = ubrk_getRuleStatus(word_iterator);
        }
        count++;
    }
    // Drop the reference to the caller's buffer.
    ubrk_setText(word_iterator, NULL, 0, &status);
    return count;
}
