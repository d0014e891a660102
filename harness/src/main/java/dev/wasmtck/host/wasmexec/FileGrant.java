package dev.wasmtck.host.wasmexec;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The file access a wasm-exec case grants its guest ({@code host: files:}): a host folder to read,
 * a scratch folder to write, both or (the default) neither. Each run gets its own view of them.
 *
 * @param read the host folder shown read-only at {@value GuestFiles#CASE_READ}, or null
 * @param scratch whether the run gets an empty writable folder at {@value GuestFiles#CASE_SCRATCH}
 */
public record FileGrant(Path read, boolean scratch) {
    public static final FileGrant NONE = new FileGrant(null, false);

    /** The view for one run; closing it deletes the scratch folder. */
    GuestFiles open() throws IOException {
        return read == null && !scratch ? GuestFiles.none() : GuestFiles.forCase(read, scratch);
    }
}
