package dev.wasmtck.runtime.graalwasm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Rewrites a module so that the memory it defines becomes an import ({@value #MODULE}.{@value #NAME}).
 *
 * <p>Why: GraalWasm has no option to cap a module's memory below its declared maximum, and the
 * polyglot API reaches only exported memories, and only once instantiation has finished. When the
 * binding allocates the memory itself ({@code WebAssembly.mem_alloc(initial, max)}) and passes it in,
 * each instance gets the case's cap, the host holds the memory before the start function runs, and the
 * rewritten module is parsed once whatever the cap. A single memory keeps index 0 whether defined or
 * imported, so no instruction, data segment or export needs to change.
 */
final class MemoryImport {
    static final String MODULE = "wasmtck:runtime";
    static final String NAME = "memory";

    private static final int IMPORT_SECTION = 2;
    private static final int MEMORY_SECTION = 5;

    /** The rewritten binary; {@code rewritten} is false when the module defines no memory (bytes unchanged). */
    record Result(byte[] wasm, boolean rewritten) {}

    private MemoryImport() {}

    /**
     * @throws IllegalArgumentException when the binary cannot be read or defines a memory this
     *     rewrite does not handle (several memories, 64-bit or shared)
     */
    static Result rewrite(byte[] wasm) {
        if (wasm.length < 8) {
            throw new IllegalArgumentException("shorter than the 8-byte header");
        }
        // First pass: where the import and memory sections are.
        int importStart = -1;
        int importEnd = -1;
        int memoryStart = -1;
        int memoryEnd = -1;
        int firstAfterTypes = -1;
        Cursor c = new Cursor(wasm, 8);
        while (c.pos < wasm.length) {
            int sectionStart = c.pos;
            int id = c.u8();
            int size = c.u32();
            int contentStart = c.pos;
            if (contentStart + (long) size > wasm.length) {
                throw new IllegalArgumentException("section " + id + " runs past the end of the binary");
            }
            if (id != 0 && id != 1 && firstAfterTypes < 0) {
                firstAfterTypes = sectionStart;
            }
            if (id == IMPORT_SECTION) {
                importStart = contentStart;
                importEnd = contentStart + size;
            } else if (id == MEMORY_SECTION) {
                memoryStart = contentStart;
                memoryEnd = contentStart + size;
            }
            c.pos = contentStart + size;
        }
        if (memoryStart < 0) {
            return new Result(wasm, false);
        }
        Cursor m = new Cursor(wasm, memoryStart);
        int count = m.u32();
        if (count == 0) {
            return new Result(wasm, false);
        }
        if (count > 1) {
            throw new IllegalArgumentException("defines " + count + " memories; the binding supports one");
        }
        int limitsStart = m.pos;
        int flags = m.u8();
        if (flags != 0 && flags != 1) {
            throw new IllegalArgumentException("its memory has limit flags 0x" + Integer.toHexString(flags)
                    + " (shared or 64-bit), which the binding does not support");
        }
        m.u32();
        if (flags == 1) {
            m.u32();
        }
        byte[] limits = java.util.Arrays.copyOfRange(wasm, limitsStart, m.pos);

        // The new import entry: module name, field name, kind memory (2), the same limits.
        ByteArrayOutputStream entry = new ByteArrayOutputStream();
        name(entry, MODULE);
        name(entry, NAME);
        entry.write(2);
        entry.writeBytes(limits);

        ByteArrayOutputStream out = new ByteArrayOutputStream(wasm.length + 32);
        out.write(wasm, 0, 8);
        c = new Cursor(wasm, 8);
        boolean importWritten = false;
        while (c.pos < wasm.length) {
            int sectionStart = c.pos;
            int id = c.u8();
            int size = c.u32();
            int contentEnd = c.pos + size;
            if (!importWritten && importStart < 0 && sectionStart == firstAfterTypes) {
                ByteArrayOutputStream content = new ByteArrayOutputStream();
                u32(content, 1);
                content.writeBytes(entry.toByteArray());
                section(out, IMPORT_SECTION, content.toByteArray());
                importWritten = true;
            }
            if (id == IMPORT_SECTION) {
                Cursor i = new Cursor(wasm, importStart);
                int imports = i.u32();
                ByteArrayOutputStream content = new ByteArrayOutputStream();
                u32(content, imports + 1);
                content.write(wasm, i.pos, importEnd - i.pos);
                content.writeBytes(entry.toByteArray());
                section(out, IMPORT_SECTION, content.toByteArray());
                importWritten = true;
            } else if (id != MEMORY_SECTION) {
                out.write(wasm, sectionStart, contentEnd - sectionStart);
            }
            // The memory section itself is dropped: its only memory is now the import.
            c.pos = contentEnd;
        }
        if (!importWritten) {
            // Only a type section (or nothing but custom sections) came before the memory section.
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            u32(content, 1);
            content.writeBytes(entry.toByteArray());
            section(out, IMPORT_SECTION, content.toByteArray());
        }
        return new Result(out.toByteArray(), true);
    }

    private static void section(ByteArrayOutputStream out, int id, byte[] content) {
        out.write(id);
        u32(out, content.length);
        out.writeBytes(content);
    }

    private static void name(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        u32(out, b.length);
        out.writeBytes(b);
    }

    private static void u32(ByteArrayOutputStream out, int value) {
        long v = Integer.toUnsignedLong(value);
        do {
            int b = (int) (v & 0x7f);
            v >>>= 7;
            out.write(v == 0 ? b : b | 0x80);
        } while (v != 0);
    }

    /** Reads bytes and unsigned LEB128 numbers. */
    private static final class Cursor {
        final byte[] b;
        int pos;

        Cursor(byte[] b, int pos) {
            this.b = b;
            this.pos = pos;
        }

        int u8() {
            if (pos >= b.length) {
                throw new IllegalArgumentException("unexpected end of the binary at byte " + pos);
            }
            return b[pos++] & 0xff;
        }

        int u32() {
            long result = 0;
            for (int shift = 0; shift < 35; shift += 7) {
                int x = u8();
                result |= (long) (x & 0x7f) << shift;
                if ((x & 0x80) == 0) {
                    if (result > 0xffffffffL) {
                        throw new IllegalArgumentException("LEB128 number too large at byte " + pos);
                    }
                    return (int) result;
                }
            }
            throw new IllegalArgumentException("LEB128 number too long at byte " + pos);
        }
    }
}
