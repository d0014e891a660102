package dev.wasmtck.internal.guest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmtck.internal.yaml.CaseFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache and failure logic, with a fake engine: runs everywhere, Docker or not. */
class GuestBuilderCacheTest {
    @TempDir Path root;
    @TempDir Path cache;

    /** A scriptable engine that counts what it is asked to do. */
    static class FakeBackend implements BuildBackend {
        boolean docker = true;
        boolean probed;
        String imageId = "sha256:aaa";
        boolean pullFails;
        int exitCode;
        String output = "";
        long compileMillis = 50;   // widens the window in which concurrent requests overlap
        final AtomicInteger compiles = new AtomicInteger();
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger pulls = new AtomicInteger();

        @Override public boolean dockerAvailable() { calls.incrementAndGet(); probed = true; return docker; }
        @Override public boolean knownAvailable() { return probed && docker; }
        @Override public Optional<String> localImageId(String image) {
            calls.incrementAndGet();
            return Optional.ofNullable(imageId);
        }
        @Override public String pull(String image) throws Exception {
            calls.incrementAndGet();
            pulls.incrementAndGet();
            if (pullFails) throw new IllegalStateException("registry unreachable");
            return imageId = "sha256:pulled";
        }
        @Override public Result compile(String image, List<InputFile> files, String workDir, String command,
                String out, Path target) throws Exception {
            calls.incrementAndGet();
            compiles.incrementAndGet();
            Thread.sleep(compileMillis);
            if (exitCode != 0) return new Result(exitCode, output, false);
            Files.writeString(target, "wasm of " + workDir + " built in " + image);
            return new Result(0, "", true);
        }
    }

    /** A backend that fails the test if anything touches it. */
    static class UntouchableBackend implements BuildBackend {
        @Override public boolean dockerAvailable() { throw new AssertionError("Docker probed"); }
        @Override public boolean knownAvailable() { return false; }
        @Override public Optional<String> localImageId(String image) { throw new AssertionError("image inspected"); }
        @Override public String pull(String image) { throw new AssertionError("pull"); }
        @Override public Result compile(String i, List<InputFile> f, String w, String c, String o, Path t) {
            throw new AssertionError("container started");
        }
    }

    @BeforeEach
    void guests() throws IOException {
        write("c/lib/lib.h", "int f(void);\n");
        write("c/hello/hello.c", "int main(void) { return 0; }\n");
        write("c/hello/guest.yaml", "toolchain: emscripten\ninclude: [../lib]\nbuild: emcc hello.c -o hello.wasm\noutput: hello.wasm\n");
    }

    private void write(String rel, String content) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
    }

    private GuestBuilder builder(BuildBackend backend) {
        return builder(backend, Map.of(), false);
    }

    private GuestBuilder builder(BuildBackend backend, Map<String, String> images, boolean required) {
        return new GuestBuilder(root, cache, images, required, backend);
    }

    @Test
    void keyDependsOnSourcesCommandAndImageOnly() throws IOException {
        GuestBuilder b = builder(new FakeBackend());
        String[] base = b.keys("c/hello", null, "sha256:aaa");
        assertArrayEquals(base, b.keys("c/hello", null, "sha256:aaa"), "same inputs, same key");

        assertNotEquals(base[1], b.keys("c/hello", null, "sha256:bbb")[1], "image ID");
        assertEquals(base[0], b.keys("c/hello", null, "sha256:bbb")[0], "the index digest ignores the image ID");
        assertNotEquals(base[0], builder(new FakeBackend(), Map.of("emscripten", "other:1"), false)
                .keys("c/hello", null, "sha256:aaa")[0], "image name");

        write("c/lib/lib.h", "int f(void); /* changed */\n");
        String[] included = b.keys("c/hello", null, "sha256:aaa");
        assertNotEquals(base[1], included[1], "a file of an included folder");

        write("c/hello/extra.c", "\n");
        String[] added = b.keys("c/hello", null, "sha256:aaa");
        assertNotEquals(included[1], added[1], "a new file");

        write("c/hello/guest.yaml", "toolchain: emscripten\ninclude: [../lib]\nbuild: emcc -O2 hello.c -o hello.wasm\noutput: hello.wasm\n");
        assertNotEquals(added[1], b.keys("c/hello", null, "sha256:aaa")[1], "the command");

        // Formatting of guest.yaml is a file content change too, but an unrelated folder is not an input.
        String[] now = b.keys("c/hello", null, "sha256:aaa");
        write("c/other/x.c", "\n");
        assertArrayEquals(now, b.keys("c/hello", null, "sha256:aaa"));
    }

    @Test
    void secondBuildIsACacheHit() throws IOException {
        FakeBackend fake = new FakeBackend();
        BuiltGuest first = builder(fake).build("c/hello", null);
        assertFalse(first.fromCache());
        assertEquals("c/hello", first.name());
        assertTrue(Files.readString(first.wasm()).contains("emscripten/emsdk:3.1.6"));
        assertTrue(Files.isRegularFile(cache.resolve(first.cacheKey() + ".properties")));

        BuiltGuest second = builder(fake).build("c/hello", null);
        assertTrue(second.fromCache());
        assertEquals(first.cacheKey(), second.cacheKey());
        assertEquals(1, fake.compiles.get());
    }

    @Test
    void cacheHitTouchesNoEngineAtAll() {
        builder(new FakeBackend()).build("c/hello", null);   // pre-populate the cache
        BuiltGuest hit = builder(new UntouchableBackend()).build("c/hello", null);
        assertTrue(hit.fromCache());
        assertTrue(Files.isRegularFile(hit.wasm()));
    }

    @Test
    void newImageIdMeansRebuildWhenDockerIsKnown() {
        FakeBackend fake = new FakeBackend();
        String k1 = builder(fake).build("c/hello", null).cacheKey();
        fake.imageId = "sha256:rebuilt";
        BuiltGuest again = builder(fake).build("c/hello", null);
        assertFalse(again.fromCache());
        assertNotEquals(k1, again.cacheKey());
    }

    @Test
    void withoutDockerTheBuildIsUnavailable() {
        FakeBackend fake = new FakeBackend();
        fake.docker = false;
        GuestUnavailableException e = assertThrows(GuestUnavailableException.class,
                () -> builder(fake).build("c/hello", null));
        assertTrue(e.getMessage().startsWith("Docker not available"), e.getMessage());

        GuestBuildException required = assertThrows(GuestBuildException.class,
                () -> builder(fake, Map.of(), true).build("c/hello", null));
        assertTrue(required.getMessage().startsWith("Docker not available"), required.getMessage());
    }

    @Test
    void missingImageThatCannotBePulledNamesTheLocalRemedy() {
        FakeBackend fake = new FakeBackend();
        fake.imageId = null;
        fake.pullFails = true;
        GuestUnavailableException e = assertThrows(GuestUnavailableException.class,
                () -> builder(fake).build("c/hello", null));
        assertEquals("guest c/hello: Emscripten toolchain image emscripten/emsdk:3.1.6 not available: registry"
                + " unreachable; set wasm.conformance.toolchain.emscripten.image to an image that has it (e.g."
                + " wasm-tck/emscripten:local, built by ci/images/build-local.sh emscripten)", e.getMessage());
    }

    @Test
    void unavailableImageAbortsEvenWhenDockerIsRequiredAndIsPulledOnce() throws IOException {
        write("tinygo/echo/guest.yaml", "toolchain: tinygo\nbuild: tinygo build -o e.wasm .\noutput: e.wasm\n");
        write("tinygo/echo/main.go", "package main\n");
        write("tinygo/other/guest.yaml", "toolchain: tinygo\nbuild: tinygo build -o o.wasm .\noutput: o.wasm\n");
        FakeBackend fake = new FakeBackend();
        fake.imageId = null;
        fake.pullFails = true;
        GuestBuilder b = builder(fake, Map.of(), true);
        GuestUnavailableException first = assertThrows(GuestUnavailableException.class,
                () -> b.build("tinygo/echo", null));
        assertEquals("guest tinygo/echo: TinyGo toolchain image tinygo/tinygo:0.39.0 not available: registry"
                + " unreachable; set wasm.conformance.toolchain.tinygo.image to an image that has it (the kit"
                + " has no local recipe for TinyGo)", first.getMessage());
        GuestUnavailableException second = assertThrows(GuestUnavailableException.class,
                () -> b.build("tinygo/other", null));
        assertEquals(first.getMessage().replace("tinygo/echo:", "tinygo/other:"), second.getMessage());
        assertEquals(1, fake.pulls.get(), "the second build must not pull again");
        assertEquals(0, fake.compiles.get());
    }

    @Test
    void missingImageIsPulled() {
        FakeBackend fake = new FakeBackend();
        fake.imageId = null;
        BuiltGuest g = builder(fake).build("c/hello", null);
        assertFalse(g.fromCache());
        assertEquals(GuestBuilder.cacheKey(builder(fake).keys("c/hello", null, "x")[0], "sha256:pulled"), g.cacheKey());
    }

    @Test
    void compilerFailureCarriesNameCommandExitCodeAndOutputTail() {
        FakeBackend fake = new FakeBackend();
        fake.exitCode = 1;
        StringBuilder out = new StringBuilder();
        for (int i = 1; i <= 100; i++) out.append("line ").append(i).append('\n');
        out.append("hello.c:1:5: error: expected ';'\n");
        fake.output = out.toString();
        GuestBuildException e = assertThrows(GuestBuildException.class, () -> builder(fake).build("c/hello", null));
        String m = e.getMessage();
        assertTrue(m.contains("c/hello") && m.contains("emcc hello.c -o hello.wasm") && m.contains("exited with 1"), m);
        assertTrue(m.contains("error: expected ';'") && m.contains("line 100") && !m.contains("line 10\n"), m);
        assertFalse(Files.exists(cache.resolve("index")), "a failed build leaves no index entry");
    }

    @Test
    void badIncludeIsReportedAtItsLine() throws IOException {
        write("c/hello/guest.yaml", "toolchain: emscripten\ninclude:\n  - ../lib\n  - ../../../etc\nbuild: b\noutput: o.wasm\n");
        CaseFormatException e = assertThrows(CaseFormatException.class, () -> builder(new FakeBackend()).build("c/hello", null));
        assertTrue(e.getMessage().contains("guest.yaml:4: include '../../../etc' leaves"), e.getMessage());
    }

    @Test
    void concurrentRequestsBuildOnce() throws Exception {
        FakeBackend fake = new FakeBackend();
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<BuiltGuest>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                GuestBuilder b = builder(fake);   // separate builders share the cache, like separate JVMs
                results.add(pool.submit(() -> {
                    go.await();
                    return b.build("c/hello", null);
                }));
            }
            go.countDown();
            Set<String> keys = new HashSet<>();
            int built = 0;
            for (Future<BuiltGuest> f : results) {
                BuiltGuest g = f.get();
                keys.add(g.cacheKey());
                if (!g.fromCache()) built++;
            }
            assertEquals(1, keys.size());
            assertEquals(1, built);
            assertEquals(1, fake.compiles.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void toolchainOverrideChoosesAnotherImage() {
        FakeBackend fake = new FakeBackend();
        BuiltGuest g = builder(fake, Map.of("go", "my/go:1"), false).build("c/hello", "go");
        assertTrue(g.wasm().toString().endsWith(".wasm"));
        assertThrows(IllegalArgumentException.class, () -> builder(fake).build("c/hello", "cobol"));
    }
}
