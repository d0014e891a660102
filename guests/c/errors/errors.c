/*
 * A guest that misbehaves on purpose, one entry point per failure a host must survive and
 * report. Every entry has call's signature (ptr, len) -> (). Entries that reach the callback
 * record what the callback should do in `mode`, because there is only one callback export.
 * `call` itself behaves: it echoes the host's answer, so a case can check the guest is sane.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "msgpack.h"
#include "bridge.h"

void get(char *input, size_t len);

enum mode { ECHO, BAD_RESULT, BAD_RESULT_PTR, HUGE_RESULT_LEN, MALFORMED, TRUNCATED, TRAILING,
            NEVER_FINISH, TRAP_IN_CALLBACK, LOOP_IN_CALLBACK };
static enum mode mode = ECHO;
static volatile int spinning = 1;   /* volatile: the optimiser must keep the endless loops */

static void via_get(enum mode m, char *input, size_t len) {
    mode = m;
    get(input, len);
}

bridge_buffer *callback(char *input, size_t len) {
    static const uint8_t never_used[] = {0xc1};
    static const uint8_t truncated[] = {0x82, 0xa1, 'a', 0x01, 0xa1};    /* map of 2, stops inside */
    static const uint8_t trailing[] = {0xa2, 'o', 'k', 0xc0, 0xc3};      /* "ok" then two extra bytes */
    switch (mode) {
    case ECHO: return bridge_copy(input, len);
    case BAD_RESULT: return bridge_wrap((void *)(uintptr_t)0xfffffff0u, 64);
    case BAD_RESULT_PTR: return (bridge_buffer *)(uintptr_t)0xfffffff8u;
    case HUGE_RESULT_LEN: return bridge_wrap(input, 0x7fffffffu);
    case MALFORMED: return bridge_copy(never_used, sizeof never_used);
    case TRUNCATED: return bridge_copy(truncated, sizeof truncated);
    case TRAILING: return bridge_copy(trailing, sizeof trailing);
    case NEVER_FINISH: return NULL;
    case TRAP_IN_CALLBACK: __builtin_trap();
    case LOOP_IN_CALLBACK: while (spinning) {} return NULL;
    }
    return NULL;
}

void call(char *input, size_t len) { via_get(ECHO, input, len); }
void trap(char *input, size_t len) { (void)input; (void)len; __builtin_trap(); }
void bad_result(char *input, size_t len) { via_get(BAD_RESULT, input, len); }
void bad_result_ptr(char *input, size_t len) { via_get(BAD_RESULT_PTR, input, len); }
void huge_result_len(char *input, size_t len) { via_get(HUGE_RESULT_LEN, input, len); }
void malformed(char *input, size_t len) { via_get(MALFORMED, input, len); }
void truncated(char *input, size_t len) { via_get(TRUNCATED, input, len); }
void trailing(char *input, size_t len) { via_get(TRAILING, input, len); }
void never_finish(char *input, size_t len) { via_get(NEVER_FINISH, input, len); }
void trap_in_callback(char *input, size_t len) { via_get(TRAP_IN_CALLBACK, input, len); }
void loop_in_callback(char *input, size_t len) { via_get(LOOP_IN_CALLBACK, input, len); }
void no_get(char *input, size_t len) { (void)input; (void)len; }
void loop(char *input, size_t len) { (void)input; (void)len; while (spinning) {} }

/* Out-of-bounds request: a pointer past the end of memory (memory is far below 4 GiB). */
void get_oob(char *input, size_t len) {
    (void)input; (void)len;
    via_get(ECHO, (char *)(uintptr_t)0xffffff00u, 256);
}

/* The pointer is valid but the length runs past the end of memory. */
void get_too_long(char *input, size_t len) {
    (void)len;
    via_get(ECHO, input, 0x7fffffffu);
}

/* Allocates and touches 1 MiB blocks until malloc fails (memory cannot grow further), then traps.
 * The blocks are chained from a volatile global: otherwise the compiler may drop the unused
 * allocations altogether and leave an endless loop. */
static void *volatile hoard;

void oom(char *input, size_t len) {
    (void)input; (void)len;
    for (;;) {
        void **block = (void **)malloc(1 << 20);
        if (!block) __builtin_trap();
        memset(block, 0xab, 1 << 20);
        block[0] = hoard;
        hoard = block;
    }
}
