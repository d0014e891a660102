/* UTF-8 helpers shared by guests that treat strings as text rather than bytes. */
#ifndef WASM_TCK_TEXT_H
#define WASM_TCK_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* Length of the UTF-8 sequence starting with byte b (1 for stray continuation/invalid bytes). */
static inline size_t utf8_seq_len(uint8_t b) {
    if (b >= 0xf0 && b <= 0xf7) return 4;
    if (b >= 0xe0) return b <= 0xef ? 3 : 1;
    if (b >= 0xc0) return 2;
    return 1;
}

/* Number of code points; malformed bytes count one each. */
static inline uint32_t utf8_count(const uint8_t *s, size_t len) {
    uint32_t n = 0;
    for (size_t i = 0; i < len; n++) {
        size_t k = utf8_seq_len(s[i]);
        i += (k <= len - i) ? k : len - i;
    }
    return n;
}

/* Writes s reversed code point by code point into out (len bytes); sequences stay intact. */
static inline void utf8_reverse(const uint8_t *s, size_t len, uint8_t *out) {
    size_t i = 0;
    while (i < len) {
        size_t k = utf8_seq_len(s[i]);
        if (k > len - i) k = len - i;
        for (size_t j = 0; j < k; j++) {
            out[len - i - k + j] = s[i + j];
        }
        i += k;
    }
}

#endif
