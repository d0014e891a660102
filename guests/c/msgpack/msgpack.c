/* msgpack-lite implementation; format reference: the MessagePack specification (msgpack.org). */
#include "msgpack.h"

#include <stdlib.h>
#include <string.h>

/* ---- reader ---- */

void mp_reader_init(mp_reader *r, const void *data, size_t len) {
    r->data = (const uint8_t *)data;
    r->len = len;
    r->pos = 0;
    r->error = 0;
}

static int fail(mp_reader *r) {
    r->error = 1;
    return -1;
}

/* Reads an n-byte big-endian unsigned number; 0 with r->error set when truncated. */
static uint64_t take_be(mp_reader *r, int n) {
    if (r->error || r->len - r->pos < (size_t)n) {
        fail(r);
        return 0;
    }
    uint64_t x = 0;
    for (int i = 0; i < n; i++) {
        x = (x << 8) | r->data[r->pos++];
    }
    return x;
}

static int take_bytes(mp_reader *r, mp_value *out, mp_type type, uint64_t len) {
    if (r->error || len > r->len - r->pos) {
        return fail(r);
    }
    out->type = type;
    out->bytes = r->data + r->pos;
    out->len = (uint32_t)len;
    r->pos += (size_t)len;
    return 0;
}

static int take_ext(mp_reader *r, mp_value *out, uint64_t len) {
    int8_t t = (int8_t)take_be(r, 1);
    if (r->error) {
        return -1;
    }
    out->ext_type = t;
    return take_bytes(r, out, MP_EXT, len);
}

int mp_read(mp_reader *r, mp_value *out) {
    memset(out, 0, sizeof *out);
    if (r->error || r->pos >= r->len) {
        return fail(r);
    }
    uint8_t b = r->data[r->pos++];
    if (b <= 0x7f) { out->type = MP_UINT; out->v.u = b; return 0; }
    if (b >= 0xe0) { out->type = MP_INT; out->v.i = (int8_t)b; return 0; }
    if ((b & 0xf0) == 0x80) { out->type = MP_MAP; out->v.count = b & 0x0f; return 0; }
    if ((b & 0xf0) == 0x90) { out->type = MP_ARRAY; out->v.count = b & 0x0f; return 0; }
    if ((b & 0xe0) == 0xa0) { return take_bytes(r, out, MP_STR, b & 0x1f); }
    switch (b) {
    case 0xc0: out->type = MP_NIL; return 0;
    case 0xc2: out->type = MP_BOOL; out->v.boolean = 0; return 0;
    case 0xc3: out->type = MP_BOOL; out->v.boolean = 1; return 0;
    case 0xc4: return take_bytes(r, out, MP_BIN, take_be(r, 1));
    case 0xc5: return take_bytes(r, out, MP_BIN, take_be(r, 2));
    case 0xc6: return take_bytes(r, out, MP_BIN, take_be(r, 4));
    case 0xc7: return take_ext(r, out, take_be(r, 1));
    case 0xc8: return take_ext(r, out, take_be(r, 2));
    case 0xc9: return take_ext(r, out, take_be(r, 4));
    case 0xca: {
        uint32_t bits = (uint32_t)take_be(r, 4);
        out->type = MP_FLOAT32;
        memcpy(&out->v.f32, &bits, 4);
        return r->error ? -1 : 0;
    }
    case 0xcb: {
        uint64_t bits = take_be(r, 8);
        out->type = MP_FLOAT64;
        memcpy(&out->v.f64, &bits, 8);
        return r->error ? -1 : 0;
    }
    case 0xcc: out->type = MP_UINT; out->v.u = take_be(r, 1); return r->error ? -1 : 0;
    case 0xcd: out->type = MP_UINT; out->v.u = take_be(r, 2); return r->error ? -1 : 0;
    case 0xce: out->type = MP_UINT; out->v.u = take_be(r, 4); return r->error ? -1 : 0;
    case 0xcf: out->type = MP_UINT; out->v.u = take_be(r, 8); return r->error ? -1 : 0;
    case 0xd0: out->type = MP_INT; out->v.i = (int8_t)take_be(r, 1); return r->error ? -1 : 0;
    case 0xd1: out->type = MP_INT; out->v.i = (int16_t)take_be(r, 2); return r->error ? -1 : 0;
    case 0xd2: out->type = MP_INT; out->v.i = (int32_t)take_be(r, 4); return r->error ? -1 : 0;
    case 0xd3: out->type = MP_INT; out->v.i = (int64_t)take_be(r, 8); return r->error ? -1 : 0;
    case 0xd4: return take_ext(r, out, 1);
    case 0xd5: return take_ext(r, out, 2);
    case 0xd6: return take_ext(r, out, 4);
    case 0xd7: return take_ext(r, out, 8);
    case 0xd8: return take_ext(r, out, 16);
    case 0xd9: return take_bytes(r, out, MP_STR, take_be(r, 1));
    case 0xda: return take_bytes(r, out, MP_STR, take_be(r, 2));
    case 0xdb: return take_bytes(r, out, MP_STR, take_be(r, 4));
    case 0xdc: out->type = MP_ARRAY; out->v.count = (uint32_t)take_be(r, 2); return r->error ? -1 : 0;
    case 0xdd: out->type = MP_ARRAY; out->v.count = (uint32_t)take_be(r, 4); return r->error ? -1 : 0;
    case 0xde: out->type = MP_MAP; out->v.count = (uint32_t)take_be(r, 2); return r->error ? -1 : 0;
    case 0xdf: out->type = MP_MAP; out->v.count = (uint32_t)take_be(r, 4); return r->error ? -1 : 0;
    default: /* 0xc1 is never used */
        return fail(r);
    }
}

int mp_skip(mp_reader *r) {
    /* Iterative: a pending counter instead of recursion, so deep nesting cannot overflow the stack. */
    uint64_t pending = 1;
    while (pending > 0) {
        mp_value v;
        if (mp_read(r, &v) != 0) {
            return -1;
        }
        pending--;
        if (v.type == MP_ARRAY) {
            pending += v.v.count;
        } else if (v.type == MP_MAP) {
            pending += 2 * (uint64_t)v.v.count;
        }
    }
    return 0;
}

int mp_is_valid(const void *data, size_t len) {
    mp_reader r;
    mp_reader_init(&r, data, len);
    return mp_skip(&r) == 0 && r.pos == r.len;
}

int mp_map_find(mp_reader *r, const char *key) {
    mp_value m;
    if (mp_read(r, &m) != 0 || m.type != MP_MAP) {
        return -1;
    }
    size_t klen = strlen(key);
    for (uint32_t i = 0; i < m.v.count; i++) {
        size_t at = r->pos;
        mp_value k;
        if (mp_read(r, &k) != 0) {
            return -1;
        }
        if (k.type == MP_STR && k.len == klen && memcmp(k.bytes, key, klen) == 0) {
            return 0;
        }
        /* Non-string keys may be containers: rewind and skip the whole key, then the value. */
        r->pos = at;
        if (mp_skip(r) != 0 || mp_skip(r) != 0) {
            return -1;
        }
    }
    return -1;
}

int64_t mp_as_int64(const mp_value *v) {
    return v->type == MP_UINT ? (int64_t)v->v.u : v->v.i;
}

int mp_is_number(const mp_value *v) {
    return v->type == MP_INT || v->type == MP_UINT || v->type == MP_FLOAT32 || v->type == MP_FLOAT64;
}

double mp_as_double(const mp_value *v) {
    switch (v->type) {
    case MP_INT: return (double)v->v.i;
    case MP_UINT: return (double)v->v.u;
    case MP_FLOAT32: return v->v.f32;
    case MP_FLOAT64: return v->v.f64;
    default: return 0;
    }
}

/* ---- writer ---- */

void mp_writer_init(mp_writer *w, size_t initial_capacity) {
    w->len = 0;
    w->error = 0;
    w->cap = initial_capacity ? initial_capacity : 64;
    w->data = (uint8_t *)malloc(w->cap);
    if (!w->data) {
        w->cap = 0;
        w->error = 1;
    }
}

void mp_writer_free(mp_writer *w) {
    free(w->data);
    w->data = NULL;
    w->len = w->cap = 0;
}

static uint8_t *reserve(mp_writer *w, size_t n) {
    if (w->error) {
        return NULL;
    }
    if (w->cap - w->len < n) {
        size_t cap = w->cap ? w->cap : 64;
        while (cap - w->len < n) {
            if (cap > SIZE_MAX / 2) {
                w->error = 1;
                return NULL;
            }
            cap *= 2;
        }
        uint8_t *grown = (uint8_t *)realloc(w->data, cap);
        if (!grown) {
            w->error = 1;
            return NULL;
        }
        w->data = grown;
        w->cap = cap;
    }
    uint8_t *p = w->data + w->len;
    w->len += n;
    return p;
}

static void put_be(mp_writer *w, uint8_t tag, uint64_t x, int n) {
    uint8_t *p = reserve(w, 1 + (size_t)n);
    if (!p) {
        return;
    }
    p[0] = tag;
    for (int i = n; i >= 1; i--) {
        p[i] = (uint8_t)x;
        x >>= 8;
    }
}

void mp_write_raw(mp_writer *w, const void *b, size_t len) {
    uint8_t *p = reserve(w, len);
    if (p && len) {
        memcpy(p, b, len);
    }
}

void mp_write_nil(mp_writer *w) { put_be(w, 0xc0, 0, 0); }
void mp_write_bool(mp_writer *w, int b) { put_be(w, b ? 0xc3 : 0xc2, 0, 0); }

void mp_write_uint(mp_writer *w, uint64_t u) {
    if (u <= 0x7f) put_be(w, (uint8_t)u, 0, 0);
    else if (u <= 0xff) put_be(w, 0xcc, u, 1);
    else if (u <= 0xffff) put_be(w, 0xcd, u, 2);
    else if (u <= 0xffffffffu) put_be(w, 0xce, u, 4);
    else put_be(w, 0xcf, u, 8);
}

void mp_write_int(mp_writer *w, int64_t i) {
    if (i >= 0) mp_write_uint(w, (uint64_t)i);
    else if (i >= -32) put_be(w, (uint8_t)(int8_t)i, 0, 0);
    else if (i >= INT8_MIN) put_be(w, 0xd0, (uint64_t)i, 1);
    else if (i >= INT16_MIN) put_be(w, 0xd1, (uint64_t)i, 2);
    else if (i >= INT32_MIN) put_be(w, 0xd2, (uint64_t)i, 4);
    else put_be(w, 0xd3, (uint64_t)i, 8);
}

void mp_write_float32(mp_writer *w, float f) {
    uint32_t bits;
    memcpy(&bits, &f, 4);
    put_be(w, 0xca, bits, 4);
}

void mp_write_float64(mp_writer *w, double d) {
    uint64_t bits;
    memcpy(&bits, &d, 8);
    put_be(w, 0xcb, bits, 8);
}

uint8_t *mp_write_reserve(mp_writer *w, size_t n) {
    return reserve(w, n);
}

void mp_write_str_header(mp_writer *w, uint32_t len) {
    if (len <= 31) put_be(w, (uint8_t)(0xa0 | len), 0, 0);
    else if (len <= 0xff) put_be(w, 0xd9, len, 1);
    else if (len <= 0xffff) put_be(w, 0xda, len, 2);
    else put_be(w, 0xdb, len, 4);
}

void mp_write_str(mp_writer *w, const void *s, uint32_t len) {
    mp_write_str_header(w, len);
    mp_write_raw(w, s, len);
}

void mp_write_cstr(mp_writer *w, const char *s) {
    mp_write_str(w, s, (uint32_t)strlen(s));
}

void mp_write_bin_header(mp_writer *w, uint32_t len) {
    if (len <= 0xff) put_be(w, 0xc4, len, 1);
    else if (len <= 0xffff) put_be(w, 0xc5, len, 2);
    else put_be(w, 0xc6, len, 4);
}

void mp_write_bin(mp_writer *w, const void *b, uint32_t len) {
    mp_write_bin_header(w, len);
    mp_write_raw(w, b, len);
}

void mp_write_ext(mp_writer *w, int8_t type, const void *b, uint32_t len) {
    switch (len) {
    case 1: put_be(w, 0xd4, 0, 0); break;
    case 2: put_be(w, 0xd5, 0, 0); break;
    case 4: put_be(w, 0xd6, 0, 0); break;
    case 8: put_be(w, 0xd7, 0, 0); break;
    case 16: put_be(w, 0xd8, 0, 0); break;
    default:
        if (len <= 0xff) put_be(w, 0xc7, len, 1);
        else if (len <= 0xffff) put_be(w, 0xc8, len, 2);
        else put_be(w, 0xc9, len, 4);
    }
    put_be(w, (uint8_t)type, 0, 0);
    mp_write_raw(w, b, len);
}

void mp_write_array(mp_writer *w, uint32_t count) {
    if (count <= 15) put_be(w, (uint8_t)(0x90 | count), 0, 0);
    else if (count <= 0xffff) put_be(w, 0xdc, count, 2);
    else put_be(w, 0xdd, count, 4);
}

void mp_write_map(mp_writer *w, uint32_t count) {
    if (count <= 15) put_be(w, (uint8_t)(0x80 | count), 0, 0);
    else if (count <= 0xffff) put_be(w, 0xde, count, 2);
    else put_be(w, 0xdf, count, 4);
}

int mp_copy_value(mp_reader *r, mp_writer *w) {
    uint64_t pending = 1;
    while (pending > 0) {
        mp_value v;
        if (mp_read(r, &v) != 0) {
            return -1;
        }
        pending--;
        switch (v.type) {
        case MP_NIL: mp_write_nil(w); break;
        case MP_BOOL: mp_write_bool(w, v.v.boolean); break;
        case MP_INT: mp_write_int(w, v.v.i); break;
        case MP_UINT: mp_write_uint(w, v.v.u); break;
        case MP_FLOAT32: mp_write_float32(w, v.v.f32); break;
        case MP_FLOAT64: mp_write_float64(w, v.v.f64); break;
        case MP_STR: mp_write_str(w, v.bytes, v.len); break;
        case MP_BIN: mp_write_bin(w, v.bytes, v.len); break;
        case MP_EXT: mp_write_ext(w, v.ext_type, v.bytes, v.len); break;
        case MP_ARRAY: mp_write_array(w, v.v.count); pending += v.v.count; break;
        case MP_MAP: mp_write_map(w, v.v.count); pending += 2 * (uint64_t)v.v.count; break;
        }
    }
    return w->error ? -1 : 0;
}
