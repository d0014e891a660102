/*
 * The seed's example guest (async-wasm-msgpack): call() hands its input to the host's get();
 * callback() receives the host's answer, a map, and returns {msg: <answer.message>}.
 * {msg: nil} when the answer has no string under "message" (the seed left that undefined).
 */
#include <stddef.h>
#include "msgpack.h"
#include "bridge.h"

/* Seed form: the import returns nothing; the answer arrives through callback(). */
void get(char *input, size_t len);

bridge_buffer *callback(char *input, size_t len) {
    mp_reader r;
    mp_reader_init(&r, input, len);
    mp_writer w;
    mp_writer_init(&w, 16 + len);
    mp_write_map(&w, 1);
    mp_write_cstr(&w, "msg");
    mp_value v;
    if (mp_map_find(&r, "message") == 0 && mp_read(&r, &v) == 0 && v.type == MP_STR) {
        mp_write_str(&w, v.bytes, v.len);
    } else {
        mp_write_nil(&w);
    }
    return bridge_result(&w);
}

void call(char *input, size_t len) {
    get(input, len);
}
