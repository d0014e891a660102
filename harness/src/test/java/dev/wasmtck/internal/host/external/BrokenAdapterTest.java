package dev.wasmtck.internal.host.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathResource;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.wasmtck.engine.WasmConformanceEngine;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * Adapters that crash, send garbage, hang, speak another protocol version or exit at start
 * ({@link BrokenAdapter}): the case that meets it fails with a message naming the adapter and what it
 * did, and the next case passes on a fresh adapter process.
 */
class BrokenAdapterTest {
    @TempDir
    Path dir;

    private Events run(Path declaration, String file) {
        return EngineTestKit.engine(WasmConformanceEngine.ENGINE_ID)
                .configurationParameter(ExternalHosts.KEY, declaration.toString())
                .configurationParameter("wasm.conformance.hosts", "broken")
                .selectors(selectClasspathResource(file))
                .execute().testEvents();
    }

    @Test
    void aBrokenCallFailsThatCaseOnlyAndTheNextRunsOnAFreshProcess() throws Exception {
        Events events = run(Adapters.declare(dir, "broken", "1s", BrokenAdapter.class), "external/broken.yaml");
        events.assertStatistics(s -> s.started(6).succeeded(3).failed(3));
        events.assertThatEvents()
                .haveExactly(1, event(test("a1-crash"), finishedWithFailure(message(m -> m.startsWith("adapter 'broken' (")
                        && m.contains(" exited with code 3 during the call of \"crash\" on ../wat/wapc-mini.wasm;"
                                + " its stderr ends:\n  broken adapter: crashing in the middle of a call")))))
                .haveExactly(1, event(test("b1-garbage"), finishedWithFailure(message(m -> m.startsWith("adapter 'broken' (")
                        && m.contains(" sent a frame length of 1885433449 bytes (bytes 70 61 6e 69); frames are"
                                + " 1..536870912 bytes, so this is not a frame during the call of \"garbage\"")))))
                .haveExactly(1, event(test("c1-hang"), finishedWithFailure(message(m -> m.contains("[timeout]")
                        && m.contains("host broken: its adapter did not answer within PT2S (the case's limit and PT1S of"
                                + " grace) during the call of \"hang\"")))))
                .haveExactly(1, event(test("a2-after-crash"), finishedSuccessfully()))
                .haveExactly(1, event(test("b2-after-garbage"), finishedSuccessfully()))
                .haveExactly(1, event(test("c2-after-hang"), finishedSuccessfully()));
    }

    @Test
    void anAdapterThatExitsAtStartFailsOneCase() throws Exception {
        assertStartFailure("exit", "exited with code 3 during start-up, before its hello; its stderr ends:\n"
                + "  broken adapter: giving up before hello");
    }

    @Test
    void anAdapterOfAnotherProtocolVersionFailsOneCase() throws Exception {
        assertStartFailure("version", "speaks protocol version 2; the kit speaks 1");
    }

    @Test
    void anAdapterThatPrintsTextBeforeItsHelloFailsOneCase() throws Exception {
        assertStartFailure("noise", "sent a frame length of 1400136050 bytes (bytes 53 74 61 72)");
    }

    private void assertStartFailure(String mode, String what) throws Exception {
        Path declaration = Adapters.declare(dir, "broken", "1s", BrokenAdapter.class, mode, dir.resolve("started").toString());
        Events events = run(declaration, "external/start.yaml");
        events.assertStatistics(s -> s.started(2).succeeded(1).failed(1));
        events.assertThatEvents()
                .haveExactly(1, event(test("a-first"), finishedWithFailure(message(m ->
                        m.startsWith("adapter 'broken' (") && m.contains(") " + what)))))
                .haveExactly(1, event(test("b-second"), finishedSuccessfully()));
        assertThat(dir.resolve("started")).hasContent(mode);
    }
}
