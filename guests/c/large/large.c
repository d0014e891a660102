/*
 * Big payloads: memory starts at 16 MiB and grows, so hosts must handle growth (and the
 * env.emscripten_notify_memory_growth import) and copy megabytes each way. Every entry passes
 * its input to get(); the callback transforms the host's answer.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "msgpack.h"
#include "bridge.h"
#include "text.h"

void get(char *input, size_t len);

enum mode { ECHO, REVERSE, FILL, DIGEST };
static enum mode mode = ECHO;

static bridge_buffer *reverse_value(const uint8_t *p, size_t len) {
    mp_reader r;
    mp_reader_init(&r, p, len);
    mp_value v;
    if (mp_read(&r, &v) != 0) return bridge_error("reverse: malformed input");
    if (v.type != MP_STR && v.type != MP_BIN) return bridge_copy(p, len);
    uint8_t *out = (uint8_t *)malloc(v.len ? v.len : 1);
    if (!out) __builtin_trap();
    if (v.type == MP_STR) {
        utf8_reverse(v.bytes, v.len, out);
    } else {
        for (uint32_t i = 0; i < v.len; i++) out[i] = v.bytes[v.len - 1 - i];
    }
    mp_writer w;
    mp_writer_init(&w, (size_t)v.len + 8);
    if (v.type == MP_STR) mp_write_str(&w, out, v.len); else mp_write_bin(&w, out, v.len);
    free(out);
    return bridge_result(&w);
}

static bridge_buffer *fill(const uint8_t *p, size_t len) {
    mp_reader r;
    mp_value size, byte;
    mp_reader_init(&r, p, len);
    int have_size = mp_map_find(&r, "size") == 0 && mp_read(&r, &size) == 0 && size.type == MP_UINT;
    mp_reader_init(&r, p, len);
    int have_byte = mp_map_find(&r, "byte") == 0 && mp_read(&r, &byte) == 0 && byte.type == MP_UINT
                    && byte.v.u <= 255;
    if (!have_size || !have_byte || size.v.u > 0x7fffffffu) {
        return bridge_error("fill expects {size: 0..2^31-1, byte: 0..255}");
    }
    mp_writer w;
    mp_writer_init(&w, (size_t)size.v.u + 8);
    mp_write_bin_header(&w, (uint32_t)size.v.u);
    uint8_t *payload = mp_write_reserve(&w, (size_t)size.v.u);
    if (payload) memset(payload, (int)byte.v.u, (size_t)size.v.u);
    return bridge_result(&w);
}

static bridge_buffer *digest(const uint8_t *p, size_t len) {
    mp_reader r;
    mp_reader_init(&r, p, len);
    mp_value v;
    if (mp_read(&r, &v) != 0) return bridge_error("digest: malformed input");
    mp_writer w;
    mp_writer_init(&w, 64);
    if (v.type == MP_STR || v.type == MP_BIN) {
        uint32_t sum = 0;
        for (uint32_t i = 0; i < v.len; i++) sum += v.bytes[i];
        mp_write_map(&w, 3);
        mp_write_cstr(&w, "type");
        mp_write_cstr(&w, v.type == MP_STR ? "str" : "bin");
        mp_write_cstr(&w, "len");
        mp_write_uint(&w, v.len);
        mp_write_cstr(&w, "sum");
        mp_write_uint(&w, sum);
    } else {
        mp_write_map(&w, 2);
        mp_write_cstr(&w, "type");
        mp_write_cstr(&w, "other");
        mp_write_cstr(&w, "len");
        mp_write_uint(&w, len);        /* encoded size of the whole value */
    }
    return bridge_result(&w);
}

bridge_buffer *callback(char *input, size_t len) {
    const uint8_t *p = (const uint8_t *)input;
    switch (mode) {
    case ECHO: return bridge_copy(p, len);
    case REVERSE: return reverse_value(p, len);
    case FILL: return fill(p, len);
    case DIGEST: return digest(p, len);
    }
    return NULL;
}

void call(char *input, size_t len) { mode = ECHO; get(input, len); }
void reverse(char *input, size_t len) { mode = REVERSE; get(input, len); }
void fill_bin(char *input, size_t len) { mode = FILL; get(input, len); }
void digest_bytes(char *input, size_t len) { mode = DIGEST; get(input, len); }
