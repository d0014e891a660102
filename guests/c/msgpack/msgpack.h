/*
 * msgpack-lite: a small MessagePack reader and writer for the wasm-tck guests.
 *
 * The reader walks a buffer it does not own: strings and binaries point into it, nothing is
 * copied. The writer grows its own malloc'd buffer. Both record the first error and then do
 * nothing, so callers check once at the end instead of after every call.
 */
#ifndef MSGPACK_LITE_H
#define MSGPACK_LITE_H

#include <stddef.h>
#include <stdint.h>

typedef enum {
    MP_NIL, MP_BOOL, MP_INT, MP_UINT, MP_FLOAT32, MP_FLOAT64,
    MP_STR, MP_BIN, MP_ARRAY, MP_MAP, MP_EXT
} mp_type;

/* One decoded header. For MP_ARRAY and MP_MAP only the count is read: the elements follow. */
typedef struct {
    mp_type type;
    union {
        int boolean;
        int64_t i;          /* MP_INT: negative values (and signed encodings of any value) */
        uint64_t u;         /* MP_UINT: non-negative values in unsigned encodings */
        float f32;
        double f64;
        uint32_t count;     /* MP_ARRAY: elements, MP_MAP: key/value pairs */
    } v;
    const uint8_t *bytes;   /* MP_STR, MP_BIN, MP_EXT: payload inside the reader's buffer */
    uint32_t len;           /* its length in bytes */
    int8_t ext_type;        /* MP_EXT only */
} mp_value;

typedef struct {
    const uint8_t *data;
    size_t len;
    size_t pos;
    int error;              /* non-zero after the first malformed or truncated input */
} mp_reader;

void mp_reader_init(mp_reader *r, const void *data, size_t len);
/* Reads one header; returns 0 on success, -1 (and sets r->error) otherwise. */
int mp_read(mp_reader *r, mp_value *out);
/* Skips one complete value, children included. */
int mp_skip(mp_reader *r);
/* 1 when data holds exactly one complete, well-formed value and nothing after it. */
int mp_is_valid(const void *data, size_t len);
/* Positions r (a reader at the start of a map) on the value stored under key; 0 if found. */
int mp_map_find(mp_reader *r, const char *key);
/* Integer value of an MP_INT/MP_UINT header, for convenience (uint values above INT64_MAX wrap). */
int64_t mp_as_int64(const mp_value *v);
/* 1 for MP_INT, MP_UINT, MP_FLOAT32, MP_FLOAT64. */
int mp_is_number(const mp_value *v);
double mp_as_double(const mp_value *v);

typedef struct {
    uint8_t *data;
    size_t len;
    size_t cap;
    int error;              /* non-zero after an allocation failure */
} mp_writer;

void mp_writer_init(mp_writer *w, size_t initial_capacity);
void mp_writer_free(mp_writer *w);
void mp_write_nil(mp_writer *w);
void mp_write_bool(mp_writer *w, int b);
void mp_write_int(mp_writer *w, int64_t i);     /* smallest encoding, positive values as uint */
void mp_write_uint(mp_writer *w, uint64_t u);
void mp_write_float32(mp_writer *w, float f);
void mp_write_float64(mp_writer *w, double d);
void mp_write_str(mp_writer *w, const void *s, uint32_t len);
void mp_write_cstr(mp_writer *w, const char *s);
void mp_write_bin(mp_writer *w, const void *b, uint32_t len);
void mp_write_ext(mp_writer *w, int8_t type, const void *b, uint32_t len);
void mp_write_array(mp_writer *w, uint32_t count);
void mp_write_map(mp_writer *w, uint32_t count);
/* Header only: the caller appends exactly len payload bytes (mp_write_raw or mp_write_reserve). */
void mp_write_bin_header(mp_writer *w, uint32_t len);
void mp_write_str_header(mp_writer *w, uint32_t len);
/* Appends n bytes for the caller to fill in place; NULL (and w->error) if memory ran out. */
uint8_t *mp_write_reserve(mp_writer *w, size_t n);
/* Appends bytes that already are encoded MessagePack (or anything else: no check). */
void mp_write_raw(mp_writer *w, const void *b, size_t len);
/* Reads one complete value from r and writes it again with the smallest encodings. */
int mp_copy_value(mp_reader *r, mp_writer *w);

#endif
