package dev.wasmtck.internal.guest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wasmtck.LoggedWarnings;
import dev.wasmtck.internal.guest.GuestBuilderCacheTest.FakeBackend;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guest cache runs only the module that was built for a request: a changed, swapped, truncated
 * or unverifiable entry is reported once, removed and built again, and two JVMs building the same
 * guest leave one good entry.
 */
class GuestCacheVerificationTest {
    private static final String GUEST = "c/hello";

    @TempDir
    Path root;
    @TempDir
    Path cache;
    private LoggedWarnings log;
    private List<String> warnings;

    @BeforeEach
    void guestAndListener() throws IOException {
        writeGuest(root);
        log = LoggedWarnings.of(GuestBuilder.class);
        warnings = log.messages();
    }

    @AfterEach
    void stopListening() {
        log.close();
    }

    static void writeGuest(Path root) throws IOException {
        Path folder = Files.createDirectories(root.resolve(GUEST));
        Files.writeString(folder.resolve("hello.c"), "int main(void) { return 0; }\n");
        Files.writeString(folder.resolve("guest.yaml"), "toolchain: emscripten\nbuild: emcc hello.c -o hello.wasm\n"
                + "output: hello.wasm\n");
    }

    private GuestBuilder builder(FakeBackend backend) {
        return new GuestBuilder(root, cache, Map.of(), false, backend);
    }

    /** Builds once, then gives a fresh builder that has not probed Docker: the cache answers from its index. */
    private BuiltGuest built() {
        return builder(new FakeBackend()).build(GUEST, null);
    }

    private void assertRebuiltAfter(BuiltGuest original, String problem) throws IOException {
        FakeBackend fake = new FakeBackend();
        BuiltGuest again = builder(fake).build(GUEST, null);
        assertThat(fake.compiles.get()).as("rebuilt").isEqualTo(1);
        assertThat(again.fromCache()).isFalse();
        assertThat(new String(again.read(), StandardCharsets.UTF_8)).startsWith("wasm of c/hello");
        assertThat(warnings).singleElement().asString()
                .contains("guest cache entry " + original.wasm(), "guest c/hello", problem, "building it again");

        warnings.clear();
        FakeBackend later = new FakeBackend();
        assertThat(builder(later).build(GUEST, null).fromCache()).as("repaired entry is a hit").isTrue();
        assertThat(later.compiles.get()).isZero();
        assertThat(warnings).isEmpty();
    }

    @Test
    void aSwappedModuleIsNotRunButRebuilt() throws IOException {
        BuiltGuest first = built();
        Files.writeString(first.wasm(), "another module altogether");
        assertRebuiltAfter(first, "the module changed since it was built");
    }

    @Test
    void aTruncatedModuleIsRebuiltNamingTheCacheEntry() throws IOException {
        BuiltGuest first = built();
        byte[] whole = Files.readAllBytes(first.wasm());
        Files.write(first.wasm(), java.util.Arrays.copyOf(whole, whole.length / 2));
        assertRebuiltAfter(first, "the module changed since it was built");
    }

    @Test
    void anEntryWithoutARecordedDigestIsRebuilt() throws IOException {
        BuiltGuest first = built();
        Path metadata = cache.resolve(first.cacheKey() + ".properties");
        List<String> kept = new ArrayList<>();
        for (String line : Files.readAllLines(metadata)) {
            if (!line.startsWith(GuestBuilder.WASM_DIGEST)) {
                kept.add(line);
            }
        }
        Files.write(metadata, kept);
        assertRebuiltAfter(first, "no digest of the module is recorded");
    }

    @Test
    void withoutDockerABadEntryIsRemovedAndTheGuestUnavailableRatherThanRun() throws IOException {
        BuiltGuest first = built();
        Files.writeString(first.wasm(), "another module altogether");
        FakeBackend noDocker = new FakeBackend();
        noDocker.docker = false;
        assertThatThrownBy(() -> builder(noDocker).build(GUEST, null)).isInstanceOf(GuestUnavailableException.class)
                .hasMessageContaining("Docker not available");
        assertThat(first.wasm()).doesNotExist();
        assertThat(warnings).singleElement().asString().contains("the module changed since it was built");
    }

    @Test
    void aModuleChangedAfterTheCheckFailsToReadNamingTheEntry() throws IOException {
        BuiltGuest g = built();
        Files.writeString(g.wasm(), "swapped after the lookup");
        assertThatThrownBy(g::read).isInstanceOf(IOException.class)
                .hasMessageContaining("guest cache entry " + g.wasm()).hasMessageContaining("changed after it was checked");
    }

    @Test
    void twoJvmsBuildingTheSameGuestLeaveOneGoodEntry() throws Exception {
        Path go = cache.resolve("go");
        List<Process> jvms = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            jvms.add(new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                    "-cp", System.getProperty("java.class.path"), OtherJvm.class.getName(),
                    root.toString(), cache.toString(), go.toString())
                    .redirectErrorStream(true).start());
        }
        Files.createFile(go);   // both start building at once
        List<String> outcomes = new ArrayList<>();
        for (Process p : jvms) {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(p.exitValue()).as(out).isZero();
            outcomes.add(out.substring(out.lastIndexOf('\n') + 1));
        }
        assertThat(outcomes).containsExactlyInAnyOrder("built", "cached");
        try (Stream<Path> files = Files.list(cache)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.contains("."))
                    .sorted()).hasSize(2).allMatch(n -> n.endsWith(".properties") || n.endsWith(".wasm"));
        }
        FakeBackend after = new FakeBackend();
        BuiltGuest hit = builder(after).build(GUEST, null);
        assertThat(hit.fromCache()).isTrue();
        assertThat(new String(hit.read(), StandardCharsets.UTF_8)).startsWith("wasm of c/hello");
        assertThat(warnings).isEmpty();
    }

    /** A second JVM: waits for the go file, builds the guest slowly, prints whether it built or found it. */
    static final class OtherJvm {
        public static void main(String[] args) throws Exception {
            Path go = Path.of(args[2]);
            while (!Files.exists(go)) {
                Thread.sleep(5);
            }
            FakeBackend slow = new FakeBackend();
            slow.compileMillis = 1000;   // long enough that an unlocked second build would overlap
            BuiltGuest g = new GuestBuilder(Path.of(args[0]), Path.of(args[1]), Map.of(), false, slow).build(GUEST, null);
            System.out.println(g.fromCache() ? "cached" : "built");
        }
    }
}
