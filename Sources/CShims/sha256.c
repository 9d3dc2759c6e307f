#include "glossa_shims.h"

#include <openssl/sha.h>

void glossa_sha256(const void *data, size_t length, uint8_t digest[32]) {
    SHA256((const unsigned char *)data, length, digest);
}
