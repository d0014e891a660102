/*
 * Handle form of the async bridge: every get() returns a handle and the answer comes back as
 * callback(handle, ptr, len). call() issues one get per element of its input array (a non-array
 * input is a single request) and the result is the array of answers in REQUEST order, returned
 * from the callback that delivers the last outstanding answer; earlier callbacks return NULL.
 * A host that completes the gets out of order still yields the same array, which is the point.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "msgpack.h"
#include "bridge.h"

int get(char *ptr, size_t len);

typedef struct {
    int handle;
    uint8_t *answer;      /* copy of the answer's bytes, NULL until it arrives */
    size_t answer_len;
} request;

static uint8_t *input_copy;   /* requests point into it; kept until the next call() */
static request *requests;
static uint32_t request_count;
static uint32_t issued;       /* gets that have returned their handle */
static uint32_t answered;

static void reset(void) {
    for (uint32_t i = 0; i < request_count; i++) {
        free(requests[i].answer);
    }
    free(requests);
    free(input_copy);
    requests = NULL;
    input_copy = NULL;
    request_count = issued = answered = 0;
}

void call(char *input, size_t len) {
    reset();
    input_copy = (uint8_t *)malloc(len ? len : 1);
    if (!input_copy) __builtin_trap();
    memcpy(input_copy, input, len);

    mp_reader r;
    mp_reader_init(&r, input_copy, len);
    mp_value top;
    if (mp_read(&r, &top) != 0) __builtin_trap();   /* the host sent something that is not MessagePack */
    size_t first = r.pos;
    int is_array = top.type == MP_ARRAY;
    request_count = is_array ? top.v.count : 1;
    requests = (request *)calloc(request_count ? request_count : 1, sizeof(request));
    if (!requests) __builtin_trap();

    /* Find all element slices before issuing any get: answers may arrive while we issue. */
    size_t *starts = (size_t *)malloc(sizeof(size_t) * (request_count + 1));
    if (!starts) __builtin_trap();
    if (is_array) {
        for (uint32_t i = 0; i < request_count; i++) {
            starts[i] = r.pos;
            if (mp_skip(&r) != 0) __builtin_trap();
        }
        starts[request_count] = r.pos;
    } else {
        (void)first;
        starts[0] = 0;
        starts[1] = len;
    }
    for (uint32_t i = 0; i < request_count; i++) {
        requests[i].handle = get((char *)input_copy + starts[i], starts[i + 1] - starts[i]);
        issued++;
    }
    free(starts);
}

bridge_buffer *callback(int handle, char *ptr, size_t len) {
    request *slot = NULL;
    for (uint32_t i = 0; i < issued; i++) {
        if (requests[i].handle == handle && requests[i].answer == NULL) {
            slot = &requests[i];
            break;
        }
    }
    if (!slot) {
        char message[96];
        snprintf(message, sizeof message, "callback for handle %d, which no outstanding get returned", handle);
        return bridge_error(message);
    }
    if (!mp_is_valid(ptr, len)) {
        char message[96];
        snprintf(message, sizeof message, "answer for handle %d is not one MessagePack value", handle);
        return bridge_error(message);
    }
    slot->answer = (uint8_t *)malloc(len ? len : 1);
    if (!slot->answer) __builtin_trap();
    memcpy(slot->answer, ptr, len);
    slot->answer_len = len;
    answered++;
    if (answered < request_count) {
        return NULL;
    }
    mp_writer w;
    size_t total = 8;
    for (uint32_t i = 0; i < request_count; i++) total += requests[i].answer_len;
    mp_writer_init(&w, total);
    mp_write_array(&w, request_count);
    for (uint32_t i = 0; i < request_count; i++) {
        mp_write_raw(&w, requests[i].answer, requests[i].answer_len);
    }
    return bridge_result(&w);
}
