package dev.wasmtck.internal.guest;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * Builds in throw-away Testcontainers containers. Sources are copied in and the output copied
 * out (no bind mounts: image users such as tinygo's uid 1000 would not own them). Testcontainers'
 * reaper (Ryuk) is pulled from a registry; where there is none, TESTCONTAINERS_RYUK_DISABLED=true
 * must be set in the environment, and the containers are stopped here instead.
 */
final class TestcontainersBackend implements BuildBackend {
    static final String SOURCE_ROOT = "/wasm-tck/src";
    private static final long PULL_TIMEOUT_MINUTES = 15;

    /** One probe per JVM: it is slow when there is no engine (Testcontainers tries every strategy). */
    private static volatile Boolean available;

    @Override
    public boolean dockerAvailable() {
        Boolean a = available;
        if (a == null) {
            synchronized (TestcontainersBackend.class) {
                a = available;
                if (a == null) {
                    boolean ok;
                    try {
                        ok = DockerClientFactory.instance().isDockerAvailable();
                    } catch (RuntimeException | LinkageError e) {
                        ok = false;
                    }
                    available = a = ok;
                }
            }
        }
        return a;
    }

    @Override
    public boolean knownAvailable() {
        return Boolean.TRUE.equals(available);
    }

    private static DockerClient client() {
        return DockerClientFactory.instance().client();
    }

    @Override
    public Optional<String> localImageId(String image) {
        try {
            return Optional.ofNullable(client().inspectImageCmd(image).exec().getId());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public String pull(String image) throws Exception {
        DockerImageName name = DockerImageName.parse(image);
        boolean done = client().pullImageCmd(name.getUnversionedPart())
                .withTag(name.getVersionPart())
                .start()
                .awaitCompletion(PULL_TIMEOUT_MINUTES, TimeUnit.MINUTES);
        if (!done) {
            throw new IllegalStateException("pull did not finish within " + PULL_TIMEOUT_MINUTES + " minutes");
        }
        return localImageId(image).orElseThrow(() -> new IllegalStateException("pulled, but the image is not there"));
    }

    @Override
    public Result compile(String image, List<InputFile> files, String workDir, String command, String output,
            Path target) throws Exception {
        // The image is present (checked by the caller): never let Testcontainers try to pull it.
        try (GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(image))) {
            // Keep the container idle whatever the image's entrypoint; the build runs through exec.
            c.withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint("sleep"))
                    .withCommand("86400")
                    .withImagePullPolicy(n -> false);
            for (InputFile f : files) {
                c.withCopyFileToContainer(MountableFile.forHostPath(f.hostPath()), SOURCE_ROOT + "/" + f.relativePath());
            }
            c.start();
            // Copied files belong to root; the image's own user must be able to write outputs.
            ExecResult chmod = c.execInContainerWithUser("0", "chmod", "-R", "a+rwX", SOURCE_ROOT);
            if (chmod.getExitCode() != 0) {
                return new Result(chmod.getExitCode(), "chmod of the sources failed:\n" + chmod.getStderr(), false);
            }
            String dir = SOURCE_ROOT + "/" + workDir;
            ExecResult r = c.execInContainer("sh", "-c", "cd " + shellQuote(dir) + " && " + command);
            String out = r.getStdout() + r.getStderr();
            if (r.getExitCode() != 0) {
                return new Result(r.getExitCode(), out, false);
            }
            ExecResult exists = c.execInContainer("test", "-f", dir + "/" + output);
            if (exists.getExitCode() != 0) {
                return new Result(0, out, false);
            }
            c.copyFileFromContainer(dir + "/" + output, target.toString());
            return new Result(0, out, true);
        }
    }

    static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
