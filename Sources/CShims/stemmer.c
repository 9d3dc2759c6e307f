#include "glossa_shims.h"

#include <libstemmer.h>
#include <string.h>

// A Snowball stemmer keeps its state between calls, so each thread keeps one per algorithm.
enum { GLOSSA_STEMMER_SLOTS = 16 };
static _Thread_local struct {
    char algorithm[24];
    struct sb_stemmer *stemmer;
} glossa_stemmers[GLOSSA_STEMMER_SLOTS];

static struct sb_stemmer *glossa_stemmer_for(const char *algorithm) {
    for (int slot = 0; slot < GLOSSA_STEMMER_SLOTS; slot++) {
        if (glossa_stemmers[slot].stemmer == NULL) {
            if (strlen(algorithm) >= sizeof glossa_stemmers[slot].algorithm) return NULL;
            struct sb_stemmer *created = sb_stemmer_new(algorithm, "UTF_8");
            if (created == NULL) return NULL;
            strcpy(glossa_stemmers[slot].algorithm, algorithm);
            glossa_stemmers[slot].stemmer = created;
            return created;
        }
        if (strcmp(glossa_stemmers[slot].algorithm, algorithm) == 0) return glossa_stemmers[slot].stemmer;
    }
    return NULL;
}

int32_t glossa_stem(const char *algorithm, const char *word, int32_t length, char *out, int32_t capacity) {
    struct sb_stemmer *stemmer = glossa_stemmer_for(algorithm);
    if (stemmer == NULL || length < 0) return -1;
    const sb_symbol *stem = sb_stemmer_stem(stemmer, (const sb_symbol *)word, length);
    if (stem == NULL) return -1;
    int32_t stemLength = sb_stemmer_length(stemmer);
    if (stemLength <= capacity) memcpy(out, stem, (size_t)stemLength);
    return stemLength;
}
