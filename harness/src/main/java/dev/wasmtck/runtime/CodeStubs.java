package dev.wasmtck.runtime;

import java.io.ByteArrayOutputStream;

/**
 * A module's bytes with every function body replaced by {@code unreachable}: what a runtime parses
 * when the machine code for every function comes from its compiled-class cache and the bodies would
 * only be decoded to be ignored. For a Go binary of 2.8 MB that parse takes 20-130 ms instead of
 * 0.13-3 s (first parse in a JVM). Every other section, data and names included, is kept as it is,
 * so the module has the same types, imports, exports, tables, memory, globals and data.
 */
final class CodeStubs {
    private static final int CODE_SECTION = 10;
    /** One body: no local declarations, {@code unreachable}, {@code end}. */
    private static final byte[] STUB = {3, 0, 0x00, 0x0b};

    private CodeStubs() {}

    /**
     * @param wasm a module the kit's own reader accepted (well-formed section lengths)
     * @return the stubbed module, or null when the bytes are not laid out as expected
     */
    static byte[] of(byte[] wasm) {
        if (wasm.length < 8) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(wasm.length);
        out.write(wasm, 0, 8);
        int pos = 8;
        boolean sawCode = false;
        while (pos < wasm.length) {
            int id = wasm[pos] & 0xff;
            long[] size = u32(wasm, pos + 1);
            if (size == null) {
                return null;
            }
            int start = (int) size[1];
            long end = start + size[0];
            if (end > wasm.length) {
                return null;
            }
            if (id != CODE_SECTION) {
                out.write(wasm, pos, (int) end - pos);
            } else {
                long[] count = u32(wasm, start);
                if (count == null || count[0] > (end - start)) {
                    return null;
                }
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                writeU32(body, count[0]);
                for (long i = 0; i < count[0]; i++) {
                    body.write(STUB, 0, STUB.length);
                }
                out.write(CODE_SECTION);
                writeU32(out, body.size());
                out.writeBytes(body.toByteArray());
                sawCode = true;
            }
            pos = (int) end;
        }
        return sawCode ? out.toByteArray() : null;
    }

    /** An unsigned LEB128 at {@code at}: {value, position after it}, or null when malformed. */
    private static long[] u32(byte[] b, int at) {
        long value = 0;
        for (int shift = 0, i = at; shift < 35 && i < b.length; shift += 7, i++) {
            value |= (long) (b[i] & 0x7f) << shift;
            if ((b[i] & 0x80) == 0) {
                return new long[] {value, i + 1};
            }
        }
        return null;
    }

    private static void writeU32(ByteArrayOutputStream out, long value) {
        do {
            int b = (int) (value & 0x7f);
            value >>>= 7;
            out.write(value != 0 ? b | 0x80 : b);
        } while (value != 0);
    }
}
