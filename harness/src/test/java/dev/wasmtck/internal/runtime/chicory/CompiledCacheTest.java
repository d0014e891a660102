package dev.wasmtck.internal.runtime.chicory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dylibso.chicory.wasm.Parser;
import dev.wasmtck.LoggedWarnings;
import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.runtime.CompiledClassCache;
import dev.wasmtck.runtime.CompiledModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compiled-class cache runs only the classes of the module asked for: swapped, damaged and
 * broken entries are reported once, removed and compiled again; concurrent writers leave one entry.
 */
class CompiledCacheTest {
    private static final byte[] SEVEN = answering(7);
    private static final byte[] NINE = answering(9);

    @TempDir
    Path dir;
    private LoggedWarnings log;
    private List<String> warnings;

    @BeforeEach
    void listen() {
        log = LoggedWarnings.of(CompiledClassCache.class);
        warnings = log.messages();
    }

    @AfterEach
    void stopListening() {
        log.close();
    }

    /** A module whose export {@code f} returns {@code n} (0..63). */
    private static byte[] answering(int n) {
        return new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0,
            1, 5, 1, 0x60, 0, 1, 0x7f,            // type: () -> i32
            3, 2, 1, 0,                           // one function of that type
            7, 5, 1, 1, 'f', 0, 0,                // export "f"
            10, 6, 1, 4, 0, 0x41, (byte) n, 0x0b}; // body: i32.const n
    }

    private CompiledClassCache cache(String module) {
        return cache(module, "test");
    }

    private CompiledClassCache cache(String module, String version) {
        return new CompiledClassCache(dir, "Chicory", version, module);
    }

    private long run(byte[] wasm) throws GuestFault {
        return run(wasm, "test");
    }

    private long run(byte[] wasm, String version) throws GuestFault {
        CompiledModule m = new ChicoryRuntime(true, name -> cache(name, version)).compile("m" + wasm[32], wasm);
        return m.instantiate(List.of(), 1).function("f").call()[0];
    }

    private Path entry(byte[] wasm) {
        return cache("test").entry(Parser.parse(wasm).digest());
    }

    @Test
    void aModuleIsCompiledOnceAndLoadedBackWithoutComplaint() throws Exception {
        assertThat(run(SEVEN)).isEqualTo(7);
        assertThat(entry(SEVEN)).isRegularFile();
        assertThat(run(SEVEN)).isEqualTo(7);
        assertThat(warnings).isEmpty();
    }

    @Test
    void cachedClassesThatCompiledEveryFunctionLoadWithStubbedBodies() throws Exception {
        assertThat(new ChicoryRuntime(true).digestOf(SEVEN)).isEqualTo(Parser.parse(SEVEN).digest());
        long before = ChicoryRuntime.loadsWithoutCode();
        assertThat(run(SEVEN)).isEqualTo(7);                      // compiled and stored
        assertThat(ChicoryRuntime.loadsWithoutCode()).isEqualTo(before);
        assertThat(run(SEVEN)).isEqualTo(7);                      // the stub would trap: the classes answer
        assertThat(ChicoryRuntime.loadsWithoutCode()).isEqualTo(before + 1);
        assertThat(warnings).isEmpty();
    }

    @Test
    void aModuleWithAFunctionLeftToTheInterpreterIsAlwaysParsedWhole() throws Exception {
        byte[] huge = tooLargeForOneJvmMethod();
        long before = ChicoryRuntime.loadsWithoutCode();
        assertThat(run(huge)).isEqualTo(42);
        assertThat(run(huge)).isEqualTo(42);                      // the interpreter needs the real body
        assertThat(ChicoryRuntime.loadsWithoutCode()).isEqualTo(before);
    }

    /** Export {@code f} returns 42 after 60000 {@code i32.const 1000; drop} pairs: more than one JVM method holds. */
    private static byte[] tooLargeForOneJvmMethod() {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.write(0);                                            // no locals
        for (int i = 0; i < 60000; i++) {
            body.writeBytes(new byte[] {0x41, (byte) 0xe8, 0x07, 0x1a});
        }
        body.writeBytes(new byte[] {0x41, 42, 0x0b});
        java.io.ByteArrayOutputStream code = new java.io.ByteArrayOutputStream();
        code.write(1);
        leb(code, body.size());
        code.writeBytes(body.toByteArray());
        java.io.ByteArrayOutputStream m = new java.io.ByteArrayOutputStream();
        m.writeBytes(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0, 1, 5, 1, 0x60, 0, 1, 0x7f, 3, 2, 1, 0,
            7, 5, 1, 1, 'f', 0, 0, 10});
        leb(m, code.size());
        m.writeBytes(code.toByteArray());
        return m.toByteArray();
    }

    private static void leb(java.io.ByteArrayOutputStream out, int v) {
        do {
            int b = v & 0x7f;
            v >>>= 7;
            out.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
    }

    @Test
    void anotherModulesClassesUnderThisDigestAreNotRunButRebuilt() throws Exception {
        run(SEVEN);
        run(NINE);
        Files.copy(entry(NINE), entry(SEVEN), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThat(run(SEVEN)).isEqualTo(7);
        assertThat(warnings).singleElement().asString()
                .contains(entry(SEVEN).toString(), "m7", "holds the classes of another module", "compiling the module again");
        assertRepaired(SEVEN, 7);
    }

    @Test
    void truncatedRandomAndEmptyEntriesAreReportedRemovedAndRebuilt() throws Exception {
        run(SEVEN);
        byte[] good = Files.readAllBytes(entry(SEVEN));
        byte[] random = new byte[good.length];
        new Random(11).nextBytes(random);
        for (byte[] bad : List.of(Arrays.copyOf(good, good.length / 2), Arrays.copyOf(good, good.length - 1),
                random, new byte[0], "not an entry".getBytes(StandardCharsets.UTF_8))) {
            warnings.clear();
            Files.write(entry(SEVEN), bad);
            assertThat(run(SEVEN)).isEqualTo(7);
            assertThat(warnings).singleElement().asString().contains(entry(SEVEN).toString(), "cannot be used");
            assertRepaired(SEVEN, 7);
        }
    }

    @Test
    void classesChicoryCannotLoadAreEvictedAndCompiledAgain() throws Exception {
        // A well-formed entry (written by the cache itself) around classes that are no classes.
        cache("test").putIfAbsent(Parser.parse(SEVEN).digest(), "garbage".getBytes(StandardCharsets.UTF_8));
        assertThat(run(SEVEN)).isEqualTo(7);
        assertThat(warnings).singleElement().asString().contains("Chicory could not load its classes");
        assertRepaired(SEVEN, 7);
    }

    @Test
    void concurrentWritersLeaveOneGoodEntry() throws Exception {
        int writers = 6;
        CyclicBarrier start = new CyclicBarrier(writers);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return run(SEVEN);
                }));
            }
            for (Future<Long> r : results) {
                assertThat(r.get()).isEqualTo(7);
            }
        } finally {
            pool.shutdownNow();
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(entry(SEVEN));
        }
        assertRepaired(SEVEN, 7);
    }

    @Test
    void aModuleWithAnEntryIsNotValidatedAgain() throws Exception {
        // A module whose body fails validation (an i64 where the type says i32) is refused while it has no entry...
        byte[] invalid = SEVEN.clone();
        invalid[invalid.length - 3] = 0x42;   // i32.const -> i64.const
        assertThatThrownBy(() -> run(invalid)).isInstanceOf(GuestFault.class).hasMessageContaining("not a valid");
        // ...and runs from an entry under its digest without being validated: entries are only ever made from
        // modules that passed (this one is forged, holding SEVEN's classes, to see that validation is skipped).
        run(SEVEN);
        String invalidKey = Parser.builder().withValidation(false).build()
                .parse(() -> new java.io.ByteArrayInputStream(invalid)).digest();
        cache("test").putIfAbsent(invalidKey, cache("test").get(Parser.parse(SEVEN).digest()));
        assertThat(run(invalid)).isEqualTo(7);
        assertThat(warnings).isEmpty();
    }

    @Test
    void anEntryUnderTheUnversionedNameOfEarlierKitsIsAdopted() throws Exception {
        run(SEVEN);
        String key = Parser.parse(SEVEN).digest();
        Path unversioned = dir.resolve(key.replaceAll("[^A-Za-z0-9_-]", "_") + ".chicory.v3.classes");
        Files.move(entry(SEVEN), unversioned);
        long stored = Files.getLastModifiedTime(unversioned).toMillis();
        assertThat(run(SEVEN)).isEqualTo(7);
        assertThat(unversioned).exists();   // for kits of that time sharing the folder
        assertThat(Files.getLastModifiedTime(entry(SEVEN)).toMillis()).isEqualTo(stored);   // linked, not rebuilt
        assertThat(warnings).isEmpty();
    }

    @Test
    void entriesOfTwoCompilerVersionsStaySideBySide() throws Exception {
        assertThat(run(SEVEN, "1.0")).isEqualTo(7);
        assertThat(run(SEVEN, "2.0")).isEqualTo(7);
        String key = Parser.parse(SEVEN).digest();
        assertThat(cache("test", "1.0").entry(key)).isRegularFile().isNotEqualTo(cache("test", "2.0").entry(key));
        assertThat(cache("test", "2.0").entry(key)).isRegularFile();
        assertThat(cache("test", "1.0").get(key)).isNotNull();
        assertThat(warnings).isEmpty();
    }

    /** The entry now passes the check: loading it again runs the right code and reports nothing. */
    private void assertRepaired(byte[] wasm, long answer) throws GuestFault, IOException {
        warnings.clear();
        assertThat(cache("test").get(Parser.parse(wasm).digest())).isNotNull();
        assertThat(run(wasm)).isEqualTo(answer);
        assertThat(warnings).isEmpty();
    }
}
