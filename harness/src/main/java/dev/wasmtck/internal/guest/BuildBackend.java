package dev.wasmtck.internal.guest;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@link GuestBuilder} needs from a container engine. An interface so that the cache logic
 * can be tested without Docker (and so that a test can prove a cache hit touches no engine).
 */
interface BuildBackend {

    /** Whether an engine answers; probed at most once, on the first call. */
    boolean dockerAvailable();

    /** Whether {@link #dockerAvailable()} has already been answered (true) in this JVM. */
    boolean knownAvailable();

    /** The ID of a locally present image, without pulling. */
    Optional<String> localImageId(String image);

    /** Pulls the image and returns its ID; throws with the engine's reason when it cannot. */
    String pull(String image) throws Exception;

    /**
     * Runs {@code command} with {@code sh -c} in {@code workDir} of a fresh container of
     * {@code image} holding {@code files}, then copies {@code output} (relative to workDir) to
     * {@code target} if the command succeeded.
     */
    Result compile(String image, List<InputFile> files, String workDir, String command, String output, Path target)
            throws Exception;

    /** A file to place at {@code relativePath} under the container's source root. */
    record InputFile(String relativePath, Path hostPath) {}

    /** The command's exit code and combined output; {@code outputCopied} is false if the file was missing. */
    record Result(int exitCode, String output, boolean outputCopied) {}
}
