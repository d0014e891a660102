package dev.wasmtck.internal.yaml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads input files of bounded size: case files and the guest modules they name. Only regular
 * files are opened (a device such as {@code /dev/zero} would be read until the heap is gone), and
 * errors name the file without quoting its content.
 */
public final class BoundedFiles {
    /** Modules larger than this are refused unless configured otherwise; Go test binaries are 5 to 30 MiB. */
    public static final long DEFAULT_MAX_MODULE_BYTES = 128L << 20;

    private BoundedFiles() {}

    /** A module file's bytes; an IOException names the file when it is no regular file or too large. */
    public static byte[] read(Path file, long maxBytes) throws IOException {
        requireRegularFile(file);
        if (Files.size(file) > maxBytes) {
            throw tooLarge(file.toString(), maxBytes);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), maxBytes);   // bounded again: the file may grow meanwhile
        }
    }

    public static byte[] read(InputStream in, String name, long maxBytes) throws IOException {
        return within(in, maxBytes).orElseThrow(() -> tooLarge(name, maxBytes));
    }

    /** All of {@code in}, or empty as soon as it holds more than {@code maxBytes}. */
    static Optional<byte[]> within(InputStream in, long maxBytes) throws IOException {
        int cap = (int) Math.min(Integer.MAX_VALUE - 9L, maxBytes);
        byte[] bytes = in.readNBytes(cap + 1);
        return bytes.length > cap ? Optional.empty() : Optional.of(bytes);
    }

    static void requireRegularFile(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString());
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " is not a regular file");
        }
    }

    private static IOException tooLarge(String name, long maxBytes) {
        return new IOException(name + " is larger than " + Units.formatBytes(maxBytes) + ", the size limit for a module");
    }
}
