package dev.wasmtck.internal.yaml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads YAML input as strict UTF-8, at most a given number of bytes. A file over the limit fails
 * before it is parsed (a parser needs a minute for a 20 MB scalar), and a byte that is not UTF-8 is
 * reported at its line and column rather than as a bare {@code MalformedInputException}.
 */
public final class YamlText {
    private YamlText() {}

    /** Reads a file; anything but a regular file (a device, a folder) is refused before it is opened. */
    public static String read(Path file, long maxBytes) throws IOException {
        BoundedFiles.requireRegularFile(file);
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), maxBytes);
        }
    }

    /** Reads a stream to its end; {@code location} names it in errors. */
    public static String read(InputStream in, String location, long maxBytes) throws IOException {
        byte[] bytes = BoundedFiles.within(in, maxBytes).orElseThrow(() -> new CaseFormatException(
                new SourceRef(location, 0), "larger than " + Units.formatBytes(maxBytes) + ", the size limit for this file"));
        return decode(bytes, location);
    }

    static String decode(byte[] bytes, String location) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            out.flip();
            throw new CaseFormatException(position(location, out),
                    String.format("not valid UTF-8 (byte 0x%02X at offset %d)", bytes[in.position()] & 0xff, in.position()));
        }
        return out.flip().toString();
    }

    /** The line and column just after the text decoded so far. */
    private static SourceRef position(String location, CharSequence before) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < before.length(); i++) {
            if (before.charAt(i) == '\n') {
                line++;
                column = 1;
            } else if (!Character.isLowSurrogate(before.charAt(i))) {
                column++;
            }
        }
        return new SourceRef(location, line, column);
    }
}
