/*
 * Small value transformations over every MessagePack type, so that value cases (ints, floats,
 * strings with non-ASCII text, bin, nested arrays and maps) have something meaningful to check.
 * Each entry passes its input to get(); the callback transforms the host's answer.
 * Unsupported input gives {error: "<entry>: <reason>"}.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "msgpack.h"
#include "bridge.h"
#include "text.h"

void get(char *input, size_t len);

#define MAX_DEPTH 200   /* deeper input is refused rather than risking the 5 MiB C stack */

typedef enum { M_CALL, M_ECHO, M_TYPE, M_INC, M_UPPER, M_REVERSE, M_SUM, M_KEYS, M_FLATTEN,
               M_MEASURE, M_HEX } mode_t_;
static mode_t_ mode = M_CALL;

static void write_scalar(const mp_value *v, mp_writer *w) {
    switch (v->type) {
    case MP_NIL: mp_write_nil(w); break;
    case MP_BOOL: mp_write_bool(w, v->v.boolean); break;
    case MP_INT: mp_write_int(w, v->v.i); break;
    case MP_UINT: mp_write_uint(w, v->v.u); break;
    case MP_FLOAT32: mp_write_float32(w, v->v.f32); break;
    case MP_FLOAT64: mp_write_float64(w, v->v.f64); break;
    case MP_STR: mp_write_str(w, v->bytes, v->len); break;
    case MP_BIN: mp_write_bin(w, v->bytes, v->len); break;
    case MP_EXT: mp_write_ext(w, v->ext_type, v->bytes, v->len); break;
    default: break;   /* containers are handled by the callers */
    }
}

/* ---- recursive rewrite of leaves (inc, upper): map keys stay as they are ---- */

typedef void (*leaf_fn)(const mp_value *v, mp_writer *w);

static int rewrite(mp_reader *r, mp_writer *w, leaf_fn leaf, int depth) {
    mp_value v;
    if (depth > MAX_DEPTH || mp_read(r, &v) != 0) return -1;
    if (v.type == MP_ARRAY) {
        mp_write_array(w, v.v.count);
        for (uint32_t i = 0; i < v.v.count; i++) {
            if (rewrite(r, w, leaf, depth + 1) != 0) return -1;
        }
    } else if (v.type == MP_MAP) {
        mp_write_map(w, v.v.count);
        for (uint32_t i = 0; i < v.v.count; i++) {
            if (mp_copy_value(r, w) != 0 || rewrite(r, w, leaf, depth + 1) != 0) return -1;
        }
    } else {
        leaf(&v, w);
    }
    return 0;
}

static void inc_leaf(const mp_value *v, mp_writer *w) {
    switch (v->type) {
    case MP_INT: mp_write_int(w, v->v.i + 1); break;        /* -1 becomes 0, written as uint */
    case MP_UINT: mp_write_uint(w, v->v.u + 1); break;      /* 2^64-1 wraps to 0 */
    case MP_FLOAT32: mp_write_float32(w, v->v.f32 + 1.0f); break;
    case MP_FLOAT64: mp_write_float64(w, v->v.f64 + 1.0); break;
    case MP_BOOL: mp_write_bool(w, !v->v.boolean); break;
    default: write_scalar(v, w);
    }
}

static void upper_leaf(const mp_value *v, mp_writer *w) {
    if (v->type != MP_STR) {
        write_scalar(v, w);
        return;
    }
    mp_write_str_header(w, v->len);
    uint8_t *out = mp_write_reserve(w, v->len);
    if (!out) return;
    for (uint32_t i = 0; i < v->len; i++) {
        uint8_t c = v->bytes[i];
        out[i] = (c >= 'a' && c <= 'z') ? (uint8_t)(c - 32) : c;   /* ASCII only: UTF-8 bytes are >= 0x80 */
    }
}

/* ---- other transformations ---- */

static const char *type_name(const mp_value *v) {
    switch (v->type) {
    case MP_NIL: return "nil";
    case MP_BOOL: return "bool";
    case MP_INT: case MP_UINT: return "int";
    case MP_FLOAT32: return "float32";
    case MP_FLOAT64: return "float64";
    case MP_STR: return "str";
    case MP_BIN: return "bin";
    case MP_ARRAY: return "array";
    case MP_MAP: return "map";
    case MP_EXT: return "ext";
    }
    return "?";
}

static int reverse(mp_reader *r, mp_writer *w) {
    size_t start = r->pos;
    mp_value v;
    if (mp_read(r, &v) != 0) return -1;
    if (v.type == MP_STR || v.type == MP_BIN) {
        if (v.type == MP_STR) mp_write_str_header(w, v.len); else mp_write_bin_header(w, v.len);
        uint8_t *out = mp_write_reserve(w, v.len);
        if (!out) return -1;
        if (v.type == MP_STR) {
            utf8_reverse(v.bytes, v.len, out);
        } else {
            for (uint32_t i = 0; i < v.len; i++) out[i] = v.bytes[v.len - 1 - i];
        }
        return 0;
    }
    if (v.type != MP_ARRAY && v.type != MP_MAP) {
        mp_write_raw(w, r->data + start, r->pos - start);
        return 0;
    }
    /* Arrays: elements in reverse order; maps: entries in reverse order. Elements unchanged. */
    uint32_t items = v.v.count;
    int per_item = v.type == MP_MAP ? 2 : 1;
    size_t *bounds = (size_t *)malloc(sizeof(size_t) * ((size_t)items + 1));
    if (!bounds) return -1;
    for (uint32_t i = 0; i < items; i++) {
        bounds[i] = r->pos;
        for (int k = 0; k < per_item; k++) {
            if (mp_skip(r) != 0) { free(bounds); return -1; }
        }
    }
    bounds[items] = r->pos;
    if (v.type == MP_MAP) mp_write_map(w, items); else mp_write_array(w, items);
    for (uint32_t i = items; i > 0; i--) {
        mp_write_raw(w, r->data + bounds[i - 1], bounds[i] - bounds[i - 1]);
    }
    free(bounds);
    return 0;
}

/* Counts the non-array values inside nested arrays (what flatten will emit). */
static int count_leaves(mp_reader *r, uint32_t *count, int depth) {
    size_t start = r->pos;
    mp_value v;
    if (depth > MAX_DEPTH || mp_read(r, &v) != 0) return -1;
    if (v.type == MP_ARRAY) {
        for (uint32_t i = 0; i < v.v.count; i++) {
            if (count_leaves(r, count, depth + 1) != 0) return -1;
        }
        return 0;
    }
    r->pos = start;
    if (mp_skip(r) != 0) return -1;
    (*count)++;
    return 0;
}

static int emit_leaves(mp_reader *r, mp_writer *w) {
    size_t start = r->pos;
    mp_value v;
    if (mp_read(r, &v) != 0) return -1;
    if (v.type == MP_ARRAY) {
        for (uint32_t i = 0; i < v.v.count; i++) {
            if (emit_leaves(r, w) != 0) return -1;
        }
        return 0;
    }
    r->pos = start;
    if (mp_skip(r) != 0) return -1;
    mp_write_raw(w, r->data + start, r->pos - start);
    return 0;
}

static bridge_buffer *sum(mp_reader *r, mp_writer *w) {
    mp_value a;
    if (mp_read(r, &a) != 0 || a.type != MP_ARRAY) return bridge_error("sum: expects an array of numbers");
    int64_t isum = 0;
    double fsum = 0;
    int any_float = 0;
    for (uint32_t i = 0; i < a.v.count; i++) {
        mp_value e;
        if (mp_read(r, &e) != 0 || !mp_is_number(&e)) return bridge_error("sum: expects an array of numbers");
        if (e.type == MP_FLOAT32 || e.type == MP_FLOAT64) any_float = 1;
        else isum += mp_as_int64(&e);
        fsum += mp_as_double(&e);
    }
    if (any_float) mp_write_float64(w, fsum); else mp_write_int(w, isum);
    return bridge_result(w);
}

static bridge_buffer *keys(mp_reader *r, mp_writer *w) {
    mp_value m;
    if (mp_read(r, &m) != 0 || m.type != MP_MAP) return bridge_error("keys: expects a map");
    mp_write_array(w, m.v.count);
    for (uint32_t i = 0; i < m.v.count; i++) {
        size_t start = r->pos;
        if (mp_skip(r) != 0) return bridge_error("keys: malformed input");
        mp_write_raw(w, r->data + start, r->pos - start);
        if (mp_skip(r) != 0) return bridge_error("keys: malformed input");
    }
    return bridge_result(w);
}

static void write_count(mp_writer *w, const char *key, uint64_t n) {
    mp_write_cstr(w, key);
    mp_write_uint(w, n);
}

static bridge_buffer *measure(mp_reader *r, mp_writer *w) {
    mp_value v;
    if (mp_read(r, &v) != 0) return bridge_error("measure: malformed input");
    switch (v.type) {
    case MP_STR:
        mp_write_map(w, 2);
        write_count(w, "bytes", v.len);
        write_count(w, "chars", utf8_count(v.bytes, v.len));
        break;
    case MP_BIN: mp_write_map(w, 1); write_count(w, "bytes", v.len); break;
    case MP_ARRAY: mp_write_map(w, 1); write_count(w, "items", v.v.count); break;
    case MP_MAP: mp_write_map(w, 1); write_count(w, "entries", v.v.count); break;
    default: mp_write_map(w, 0);
    }
    return bridge_result(w);
}

static bridge_buffer *hex(mp_reader *r, mp_writer *w) {
    static const char digits[] = "0123456789abcdef";
    mp_value v;
    if (mp_read(r, &v) != 0 || (v.type != MP_STR && v.type != MP_BIN)) return bridge_error("hex: expects str or bin");
    mp_write_str_header(w, v.len * 2);
    uint8_t *out = mp_write_reserve(w, (size_t)v.len * 2);
    if (!out) __builtin_trap();
    for (uint32_t i = 0; i < v.len; i++) {
        out[2 * i] = (uint8_t)digits[v.bytes[i] >> 4];
        out[2 * i + 1] = (uint8_t)digits[v.bytes[i] & 15];
    }
    return bridge_result(w);
}

bridge_buffer *callback(char *input, size_t len) {
    if (!mp_is_valid(input, len)) return bridge_error("malformed input");
    mp_reader r;
    mp_reader_init(&r, input, len);
    mp_writer w;
    mp_writer_init(&w, len + 16);
    mp_value v;
    switch (mode) {
    case M_ECHO: return bridge_copy(input, len);
    case M_CALL:
        if (mp_copy_value(&r, &w) != 0) return bridge_error("call: malformed input");
        return bridge_result(&w);
    case M_TYPE:
        mp_read(&r, &v);
        mp_write_cstr(&w, type_name(&v));
        return bridge_result(&w);
    case M_INC:
        if (rewrite(&r, &w, inc_leaf, 0) != 0) return bridge_error("inc: nested too deeply");
        return bridge_result(&w);
    case M_UPPER:
        if (rewrite(&r, &w, upper_leaf, 0) != 0) return bridge_error("upper: nested too deeply");
        return bridge_result(&w);
    case M_REVERSE:
        if (reverse(&r, &w) != 0) return bridge_error("reverse: malformed input");
        return bridge_result(&w);
    case M_SUM: return sum(&r, &w);
    case M_KEYS: return keys(&r, &w);
    case M_FLATTEN: {
        uint32_t n = 0;
        if (count_leaves(&r, &n, 0) != 0) return bridge_error("flatten: nested too deeply");
        mp_reader_init(&r, input, len);
        mp_write_array(&w, n);
        emit_leaves(&r, &w);
        return bridge_result(&w);
    }
    case M_MEASURE: return measure(&r, &w);
    case M_HEX: return hex(&r, &w);
    }
    return NULL;
}

#define ENTRY(name, m) void name(char *input, size_t len) { mode = m; get(input, len); }
ENTRY(call, M_CALL)
ENTRY(echo, M_ECHO)
ENTRY(type, M_TYPE)
ENTRY(inc, M_INC)
ENTRY(upper, M_UPPER)
ENTRY(reverse_value, M_REVERSE)
ENTRY(sum_numbers, M_SUM)
ENTRY(map_keys, M_KEYS)
ENTRY(flatten, M_FLATTEN)
ENTRY(measure_value, M_MEASURE)
ENTRY(hex_bytes, M_HEX)
