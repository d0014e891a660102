/*
 * greeter: the example plugin's waPC guest, in C with no library at all.
 *   greet(name)   -> "Hello, <name>!"  (an empty name is a guest error)
 *   shout(text)   -> the text with ASCII letters upper-cased
 *   length(bytes) -> the payload's length as decimal text
 * Any other operation is a guest error naming it. Memory is fixed (1 MiB buffer below), so the
 * module imports nothing but waPC.
 */
#include <stddef.h>
#include <stdint.h>

#define WAPC(name) __attribute__((import_module("wapc"), import_name(name)))
#define EXPORT(name) __attribute__((used, visibility("default"), export_name(name)))

WAPC("__guest_request") void guest_request(uint8_t *op, uint8_t *payload);
WAPC("__guest_response") void guest_response(const uint8_t *ptr, uint32_t len);
WAPC("__guest_error") void guest_error(const uint8_t *ptr, uint32_t len);

/* One call at a time per instance: a static arena is enough and keeps malloc out. */
#define ARENA 1048576
static uint8_t arena[ARENA];

static uint32_t text_len(const char *s) {
    uint32_t n = 0;
    while (s[n]) n++;
    return n;
}

static int error(const char *prefix, const uint8_t *tail, uint32_t tail_len) {
    static uint8_t msg[512];
    uint32_t n = 0;
    for (const char *p = prefix; *p && n < sizeof msg; p++) msg[n++] = (uint8_t)*p;
    for (uint32_t i = 0; i < tail_len && n < sizeof msg - 1; i++) msg[n++] = tail[i];
    guest_error(msg, n);
    return 0;
}

static int same(const uint8_t *op, uint32_t len, const char *name) {
    uint32_t n = text_len(name);
    if (n != len) return 0;
    for (uint32_t i = 0; i < n; i++) if (op[i] != (uint8_t)name[i]) return 0;
    return 1;
}

EXPORT("__guest_call") int guest_call(uint32_t op_len, uint32_t payload_len) {
    if ((uint64_t)op_len + payload_len * 2u + 32u > ARENA) {
        return error("request too large", 0, 0);
    }
    uint8_t *op = arena;
    uint8_t *payload = arena + op_len;
    uint8_t *out = payload + payload_len;
    guest_request(op, payload);

    if (same(op, op_len, "greet")) {
        if (payload_len == 0) return error("greet: empty name", 0, 0);
        uint32_t n = 0;
        for (const char *p = "Hello, "; *p; p++) out[n++] = (uint8_t)*p;
        for (uint32_t i = 0; i < payload_len; i++) out[n++] = payload[i];
        out[n++] = '!';
        guest_response(out, n);
        return 1;
    }
    if (same(op, op_len, "shout")) {
        for (uint32_t i = 0; i < payload_len; i++) {
            uint8_t c = payload[i];
            out[i] = (c >= 'a' && c <= 'z') ? (uint8_t)(c - 32) : c;
        }
        guest_response(out, payload_len);
        return 1;
    }
    if (same(op, op_len, "length")) {
        char digits[12];
        uint32_t v = payload_len, n = 0;
        do { digits[n++] = (char)('0' + v % 10); v /= 10; } while (v);
        for (uint32_t i = 0; i < n; i++) out[i] = (uint8_t)digits[n - 1 - i];
        guest_response(out, n);
        return 1;
    }
    return error("no such operation: ", op, op_len);
}
