/*
 * wapc-echo: a waPC guest in plain C, built with emscripten (standalone wasm, no entry point).
 * It implements the shared waPC operation set described in docs/guests.md ("waPC guests"):
 * echo, upper, msgpack-add, fail, fail-unicode, host-echo, host-fail, trap-after-error, log,
 * init-calls, count, reverse, length, host-chain; any other operation is a guest error 'Could not find function "<op>"'.
 *
 * Exports: memory, __guest_call, wapc_init (which makes one host call, see init_answer).
 * Imports: only the module "wapc". Memory is a fixed 16 MiB (no growth, so no emscripten
 * growth-notification import); requests that do not fit end in a guest error.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "msgpack.h"

#define WAPC_IMPORT(name) __attribute__((import_module("wapc"), import_name(name)))
#define WAPC_EXPORT(name) __attribute__((used, visibility("default"), export_name(name)))

WAPC_IMPORT("__guest_request") void wapc_guest_request(uint8_t *op, uint8_t *payload);
WAPC_IMPORT("__guest_response") void wapc_guest_response(const uint8_t *ptr, uint32_t len);
WAPC_IMPORT("__guest_error") void wapc_guest_error(const uint8_t *ptr, uint32_t len);
WAPC_IMPORT("__host_call") uint32_t wapc_host_call(const uint8_t *bd, uint32_t bd_len,
                                                   const uint8_t *ns, uint32_t ns_len,
                                                   const uint8_t *op, uint32_t op_len,
                                                   const uint8_t *ptr, uint32_t len);
WAPC_IMPORT("__host_response_len") uint32_t wapc_host_response_len(void);
WAPC_IMPORT("__host_response") void wapc_host_response(uint8_t *ptr);
WAPC_IMPORT("__host_error_len") uint32_t wapc_host_error_len(void);
WAPC_IMPORT("__host_error") void wapc_host_error(uint8_t *ptr);
WAPC_IMPORT("__console_log") void wapc_console_log(const uint8_t *ptr, uint32_t len);

/* A byte buffer owned by the guest (malloc'd; data may be NULL when len is 0). */
typedef struct {
    uint8_t *data;
    uint32_t len;
} bytes;

static void respond(const void *p, size_t len) {
    wapc_guest_response((const uint8_t *)p, (uint32_t)len);
}

static int fail_with(const char *msg) {
    wapc_guest_error((const uint8_t *)msg, (uint32_t)strlen(msg));
    return 0;
}

static int fail_bytes(const uint8_t *p, size_t len) {
    wapc_guest_error(p, (uint32_t)len);
    return 0;
}

/* Concatenates a C-string prefix and n bytes into a new buffer; NULL when out of memory. */
static uint8_t *concat(const char *prefix, const uint8_t *p, size_t n, size_t *out_len) {
    size_t plen = strlen(prefix);
    uint8_t *b = malloc(plen + n + 1);
    if (b == NULL) {
        return NULL;
    }
    memcpy(b, prefix, plen);
    if (n > 0) {
        memcpy(b + plen, p, n);
    }
    *out_len = plen + n;
    return b;
}

/*
 * Calls the host. On success (1) *out holds the host's response; on failure (0) *out holds the
 * host's error text. Either may be empty. Returns -1 when the guest ran out of memory.
 */
static int host_call(const char *binding, const char *ns, const char *op,
                     const uint8_t *payload, uint32_t len, bytes *out) {
    uint32_t ok = wapc_host_call((const uint8_t *)binding, (uint32_t)strlen(binding),
                                 (const uint8_t *)ns, (uint32_t)strlen(ns),
                                 (const uint8_t *)op, (uint32_t)strlen(op), payload, len);
    uint32_t n = ok ? wapc_host_response_len() : wapc_host_error_len();
    out->len = n;
    out->data = malloc(n > 0 ? n : 1);
    if (out->data == NULL) {
        out->len = 0;
        return -1;
    }
    if (n > 0) {
        if (ok) {
            wapc_host_response(out->data);
        } else {
            wapc_host_error(out->data);
        }
    }
    return ok ? 1 : 0;
}

/* ---- state ---- */

static uint8_t *init_answer;        /* what "init-calls" responds with */
static size_t init_answer_len;
static uint64_t call_count;         /* "count" */

/* Called by hosts after instantiation (and after _initialize / _start where those exist). */
WAPC_EXPORT("wapc_init") void wapc_init(void) {
    static const char payload[] = "init";
    bytes answer;
    int ok = host_call("tck", "init", "hello", (const uint8_t *)payload, 4, &answer);
    if (ok < 0) {
        return;
    }
    free(init_answer);
    if (ok) {
        init_answer = answer.data;
        init_answer_len = answer.len;
    } else {
        init_answer = concat("no answer: ", answer.data, answer.len, &init_answer_len);
        free(answer.data);
    }
}

/* ---- operations: each returns the __guest_call result (1 success, 0 failure) ---- */

static int op_upper(uint8_t *p, uint32_t len) {
    for (uint32_t i = 0; i < len; i++) {
        if (p[i] >= 'a' && p[i] <= 'z') {
            p[i] = (uint8_t)(p[i] - 'a' + 'A');
        }
    }
    respond(p, len);
    return 1;
}

/* Reads the integer stored under key in the map at the start of p; 0 on success. */
static int int_under(const uint8_t *p, uint32_t len, const char *key, int64_t *out) {
    mp_reader r;
    mp_value v;
    mp_reader_init(&r, p, len);
    if (mp_map_find(&r, key) != 0 || mp_read(&r, &v) != 0) {
        return -1;
    }
    if (v.type == MP_INT || (v.type == MP_UINT && v.v.u <= (uint64_t)INT64_MAX)) {
        *out = mp_as_int64(&v);
        return 0;
    }
    return -1;
}

static int op_msgpack_add(const uint8_t *p, uint32_t len) {
    mp_reader r;
    mp_value top;
    int64_t a, b;
    mp_reader_init(&r, p, len);
    if (!mp_is_valid(p, len) || mp_read(&r, &top) != 0 || top.type != MP_MAP
        || int_under(p, len, "a", &a) != 0 || int_under(p, len, "b", &b) != 0) {
        return fail_with("msgpack-add: bad input");
    }
    mp_writer w;
    mp_writer_init(&w, 16);
    mp_write_map(&w, 1);
    mp_write_cstr(&w, "sum");
    mp_write_int(&w, (int64_t)((uint64_t)a + (uint64_t)b));   /* wraps like Go's int64 */
    if (w.error) {
        mp_writer_free(&w);
        return fail_with("out of memory");
    }
    respond(w.data, w.len);
    mp_writer_free(&w);
    return 1;
}

static int op_host_echo(const uint8_t *p, uint32_t len) {
    bytes answer;
    int ok = host_call("tck", "test", "echo", p, len, &answer);
    if (ok < 0) {
        return fail_with("out of memory");
    }
    if (ok) {
        respond(answer.data, answer.len);
        free(answer.data);
        return 1;
    }
    size_t n;
    uint8_t *msg = concat("host call failed: ", answer.data, answer.len, &n);
    free(answer.data);
    if (msg == NULL) {
        return fail_with("out of memory");
    }
    fail_bytes(msg, n);
    free(msg);
    return 0;
}

static int op_host_fail(const uint8_t *p, uint32_t len) {
    bytes answer;
    int ok = host_call("tck", "test", "fail", p, len, &answer);
    if (ok < 0) {
        return fail_with("out of memory");
    }
    if (ok) {
        free(answer.data);
        return fail_with("host-fail: the host call succeeded");
    }
    respond(answer.data, answer.len);   /* the host's error text, as a successful response */
    free(answer.data);
    return 1;
}

static int op_log(const uint8_t *p, uint32_t len) {
    size_t n;
    uint8_t *line = concat("log: ", p, len, &n);
    if (line == NULL) {
        return fail_with("out of memory");
    }
    wapc_console_log(line, (uint32_t)n);
    free(line);
    respond("logged", 6);
    return 1;
}

static int op_count(void) {
    char digits[24];
    int i = (int)sizeof digits;
    uint64_t n = ++call_count;
    do {
        digits[--i] = (char)('0' + n % 10);
        n /= 10;
    } while (n > 0);
    respond(digits + i, sizeof digits - (size_t)i);
    return 1;
}

static int op_reverse(uint8_t *p, uint32_t len) {
    for (uint32_t i = 0; i < len / 2; i++) {
        uint8_t c = p[i];
        p[i] = p[len - 1 - i];
        p[len - 1 - i] = c;
    }
    respond(p, len);
    return 1;
}

static int op_length(uint32_t len) {
    char digits[12];
    int i = (int)sizeof digits;
    do {
        digits[--i] = (char)('0' + len % 10);
        len /= 10;
    } while (len > 0);
    respond(digits + i, sizeof digits - (size_t)i);
    return 1;
}

/* Fails the guest call with prefix followed by the host's error text. */
static int fail_prefixed(const char *prefix, bytes *answer) {
    size_t n;
    uint8_t *msg = concat(prefix, answer->data, answer->len, &n);
    free(answer->data);
    if (msg == NULL) {
        return fail_with("out of memory");
    }
    fail_bytes(msg, n);
    free(msg);
    return 0;
}

/* Two host calls in a row: "first" gets the payload, "second" gets first's response. */
static int op_host_chain(const uint8_t *p, uint32_t len) {
    bytes first, second;
    int ok = host_call("tck", "chain", "first", p, len, &first);
    if (ok < 0) {
        return fail_with("out of memory");
    }
    if (!ok) {
        return fail_prefixed("host-chain: first: ", &first);
    }
    ok = host_call("tck", "chain", "second", first.data, first.len, &second);
    free(first.data);
    if (ok < 0) {
        return fail_with("out of memory");
    }
    if (!ok) {
        return fail_prefixed("host-chain: second: ", &second);
    }
    respond(second.data, second.len);
    free(second.data);
    return 1;
}

static int is(const uint8_t *op, uint32_t len, const char *name) {
    return strlen(name) == len && memcmp(op, name, len) == 0;
}

static int dispatch(const uint8_t *op, uint32_t op_len, uint8_t *p, uint32_t len) {
    if (is(op, op_len, "echo")) {
        respond(p, len);
        return 1;
    }
    if (is(op, op_len, "upper")) return op_upper(p, len);
    if (is(op, op_len, "msgpack-add")) return op_msgpack_add(p, len);
    if (is(op, op_len, "fail")) return fail_with("failed on purpose");
    if (is(op, op_len, "fail-unicode")) return fail_with("\xC3\xA9" "chec: \xD0\xBE\xD1\x88\xD0\xB8\xD0\xB1\xD0\xBA\xD0\xB0 \xE2\x9C\x93");
    if (is(op, op_len, "host-echo")) return op_host_echo(p, len);
    if (is(op, op_len, "host-fail")) return op_host_fail(p, len);
    if (is(op, op_len, "trap-after-error")) {
        fail_with("about to trap");
        __builtin_trap();
    }
    if (is(op, op_len, "log")) return op_log(p, len);
    if (is(op, op_len, "init-calls")) {
        if (init_answer == NULL) {
            respond("no answer: wapc_init was not called", 35);
        } else {
            respond(init_answer, init_answer_len);
        }
        return 1;
    }
    if (is(op, op_len, "count")) return op_count();
    if (is(op, op_len, "reverse")) return op_reverse(p, len);
    if (is(op, op_len, "length")) return op_length(len);
    if (is(op, op_len, "host-chain")) return op_host_chain(p, len);
    size_t n;
    uint8_t *msg = concat("Could not find function \"", op, op_len, &n);
    if (msg == NULL) {
        return fail_with("out of memory");
    }
    msg[n++] = '"';
    fail_bytes(msg, n);
    free(msg);
    return 0;
}

WAPC_EXPORT("__guest_call") int guest_call(uint32_t op_len, uint32_t payload_len) {
    /* One block for both: +1 so that empty requests still get a valid pointer. */
    uint8_t *buf = malloc((size_t)op_len + (size_t)payload_len + 1);
    if (buf == NULL) {
        return fail_with("out of memory");
    }
    uint8_t *op = buf;
    uint8_t *payload = buf + op_len;
    wapc_guest_request(op, payload);
    int result = dispatch(op, op_len, payload, payload_len);
    free(buf);
    return result;
}
