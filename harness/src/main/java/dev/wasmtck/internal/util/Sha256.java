package dev.wasmtck.internal.util;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256, the kit's one digest: cache keys, module identities, shards and payload summaries. */
public final class Sha256 {
    private Sha256() {}

    /** A fresh digest to feed in parts. */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** The digest of {@code data}. */
    public static byte[] of(byte[] data) {
        return digest().digest(data);
    }

    /** The digest of {@code data} in lower-case hex. */
    public static String hex(byte[] data) {
        return HexFormat.of().formatHex(of(data));
    }
}
