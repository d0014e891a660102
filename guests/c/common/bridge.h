/*
 * The async-bridge ABI as the guests see it (see docs/guests.md):
 *   import env.get(ptr, len)                 seed form: returns nothing
 *   import env.get(ptr, len) -> handle       handle form (guests/c/multi-get)
 *   export callback(...) -> bridge_buffer*   NULL: not finished yet; otherwise the final result
 * The result struct and its bytes are malloc'd and never freed: the host reads them after the
 * callback has returned, and each instance serves one call.
 */
#ifndef WASM_TCK_BRIDGE_H
#define WASM_TCK_BRIDGE_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "msgpack.h"

/* wasm32: two little-endian u32 fields, 8 bytes, what the host reads at the returned pointer. */
typedef struct {
    uint32_t data;
    uint32_t len;
} bridge_buffer;

static inline bridge_buffer *bridge_wrap(void *data, size_t len) {
    bridge_buffer *b = (bridge_buffer *)malloc(sizeof *b);
    if (!b) {
        __builtin_trap();
    }
    b->data = (uint32_t)(uintptr_t)data;
    b->len = (uint32_t)len;
    return b;
}

/* Hands the writer's bytes to the host; an allocation failure inside the writer traps. */
static inline bridge_buffer *bridge_result(mp_writer *w) {
    if (w->error) {
        __builtin_trap();
    }
    return bridge_wrap(w->data, w->len);
}

static inline bridge_buffer *bridge_copy(const void *bytes, size_t len) {
    void *copy = malloc(len ? len : 1);
    if (!copy) {
        __builtin_trap();
    }
    memcpy(copy, bytes, len);
    return bridge_wrap(copy, len);
}

/* {error: message}: how guests report input they cannot handle, so a case sees why. */
static inline bridge_buffer *bridge_error(const char *message) {
    mp_writer w;
    mp_writer_init(&w, 32 + strlen(message));
    mp_write_map(&w, 1);
    mp_write_cstr(&w, "error");
    mp_write_cstr(&w, message);
    return bridge_result(&w);
}

#endif
