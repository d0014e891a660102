package dev.wasmtck.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathResource;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.wasmtck.guest.GuestBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * Guest conformance driven by configuration alone, as a guest author would run it: a source folder,
 * a prebuilt module from the guest cache, a module that breaks the waPC rules, and bad configuration.
 * The canonical guests are cached by the suite's own run; without Docker and cache they abort.
 */
class GuestConformanceTest {
    private static final Path GUESTS = Path.of(Objects.requireNonNull(
            System.getProperty("wasm.conformance.guests.dir"), "wasm.conformance.guests.dir is set by the pom"));

    /** The engine with this JVM's kit settings (guests root, toolchain images) and the given keys. */
    private static Events run(Map<String, String> keys) {
        EngineTestKit.Builder kit = EngineTestKit.engine("wasm-conformance")
                .selectors(selectClasspathResource("conformance"));
        // The guests root and toolchain images only: a guest configured for this Maven run must not leak in.
        System.getProperties().stringPropertyNames().stream().filter(k -> k.equals("wasm.conformance.guests.dir")
                || k.startsWith("wasm.conformance.toolchain.")).forEach(k -> kit.configurationParameter(k, System.getProperty(k)));
        kit.configurationParameter("wasm.conformance.guest", "");
        // One host, so the counts below are per guest: graalwasm is on this module's test classpath too.
        kit.configurationParameter("wasm.conformance.hosts", "chicory");
        keys.forEach(kit::configurationParameter);
        Events tests = kit.execute().testEvents();
        Assumptions.assumeTrue(tests.aborted().count() == 0,
                () -> "guest could not be built here: " + tests.aborted().list().get(0).getPayload().orElse(""));
        return tests;
    }

    @Test
    void aSourceFolderGetsTheWapcRulesAndProfile() {
        Events tests = run(Map.of("wasm.conformance.guest", GUESTS.resolve("c/wapc-echo").toString(),
                "wasm.conformance.guest.abi", "wapc"));
        // 4 structural rules and the 3 cases of wapc/guest-profile; no other case file runs.
        tests.assertStatistics(s -> s.started(7).succeeded(7).failed(0));
        tests.assertThatEvents()
                .haveExactly(1, event(test(), displayName("wapc module › exports __guest_call [$guest=wapc-echo]"),
                        finishedSuccessfully()))
                .haveExactly(1, event(test(), displayName(
                        "wapc/guest-profile › unknown-operation-is-a-guest-error [$guest=wapc-echo on chicory]"),
                        finishedSuccessfully()));
    }

    @Test
    void aPrebuiltModuleFromTheCacheWithTheAuthorsOwnCases(@TempDir Path cases) throws Exception {
        Path wasm;
        try {
            wasm = new GuestBuilder(GUESTS, Path.of(System.getProperty("user.home"), ".cache", "wasm-tck", "guests"),
                    Map.of("emscripten", System.getProperty("wasm.conformance.toolchain.emscripten.image",
                            "emscripten/emsdk:3.1.6")), false).build("c/wapc-echo", null).wasm();
        } catch (org.opentest4j.TestAbortedException e) {
            Assumptions.abort("c/wapc-echo is not cached and cannot be built here: " + e.getMessage());
            return;
        }
        Files.writeString(cases.resolve("mine.yaml"), """
                abi: wapc
                guest: $guest
                cases:
                  - id: my-echo
                    function: echo
                    input: !text hi
                    expect: {output: !text hi}
                  - id: my-wrong-echo
                    function: echo
                    input: !text hi
                    expect: {output: !text bye}
                """);
        Events tests = run(Map.of("wasm.conformance.guest", wasm.toString(), "wasm.conformance.guest.abi", "wapc",
                "wasm.conformance.guest.cases", cases.toString()));
        tests.assertStatistics(s -> s.started(9).succeeded(8).failed(1));
        String name = "$guest=" + wasm.getFileName();
        tests.assertThatEvents()
                .haveExactly(1, event(test("my-echo"), finishedSuccessfully()))
                .haveExactly(1, event(test("my-wrong-echo"), finishedWithFailure(message(m -> m.startsWith(
                        cases.resolve("mine.yaml") + ":8 case 'my-wrong-echo' (guest " + name + ", host chicory):"
                                + " output differs at $: expected text \"bye\" but was \"hi\"")))));
    }

    @Test
    void aModuleWithoutGuestCallFailsThatRuleWithWhatItExports() throws Exception {
        Path broken = Path.of(getClass().getResource("/guest-conformance/no-guest-call.wasm").toURI());
        Events tests = run(Map.of("wasm.conformance.guest", broken.toString(), "wasm.conformance.guest.abi", "wapc"));
        tests.assertThatEvents()
                .haveExactly(1, event(test(), displayName("wapc module › exports memory 'memory' [$guest=no-guest-call.wasm]"),
                        finishedSuccessfully()))
                .haveExactly(1, event(test(), displayName("wapc module › imports from wapc are waPC functions"
                        + " [$guest=no-guest-call.wasm]"), finishedSuccessfully()))
                .haveExactly(1, event(test(), displayName("wapc module › exports __guest_call [$guest=no-guest-call.wasm]"),
                        finishedWithFailure(message("guest " + broken + " (abi wapc), rule 'exports __guest_call':"
                                + " no-guest-call.wasm does not export __guest_call, the waPC entry point"
                                + " (i32, i32) -> i32; its exports are [memory, guest_call]"))))
                .haveExactly(1, event(test(), displayName("wapc module › imports only wapc, WASI preview1 and env.abort"
                        + " [$guest=no-guest-call.wasm]"), finishedWithFailure(message(m -> m.contains(
                                "no-guest-call.wasm imports env.printf (i32) -> (); a waPC host provides only")))));
        // The profile's cases cannot link it either, and say why.
        tests.assertStatistics(s -> s.started(7).succeeded(2).failed(5));
        // A prebuilt module's toolchain is "prebuilt" in tags and the matrix (docs/reports.md), not "unknown".
        assertThat(tests.started().list()).filteredOn(e -> e.getTestDescriptor().getDisplayName().contains(" on "))
                .hasSize(3).allSatisfy(e -> assertThat(e.getTestDescriptor().getTags())
                        .contains(org.junit.platform.engine.TestTag.create("toolchain:prebuilt")));
        tests.assertThatEvents().haveExactly(3, event(test(), finishedWithFailure(message(m ->
                m.contains("guest-profile.yaml") && m.contains("does not export __guest_call")))));
    }

    @Test
    void badConfigurationIsOneFailingTestListingEveryProblem() {
        Events tests = EngineTestKit.engine("wasm-conformance").selectors(selectClasspathResource("conformance"))
                .configurationParameter("wasm.conformance.guest", "/nowhere/guest.wasm")
                .configurationParameter("wasm.conformance.guest.abi", "wapx")
                .configurationParameter("wasm.conformance.guest.toolchain", "emscripten")
                .execute().testEvents();
        tests.assertStatistics(s -> s.started(1).failed(1));
        tests.assertThatEvents().haveExactly(1, event(test(), displayName(
                "guest conformance configuration [$guest=guest.wasm@emscripten]"), finishedWithFailure(message(m ->
                        m.startsWith("guest conformance is misconfigured:")
                                && m.contains("wasm.conformance.guest.abi=wapx is not an ABI this kit knows; known: ")
                                && m.contains("wasm.conformance.guest=/nowhere/guest.wasm: no such file")
                                && m.contains("wasm.conformance.guest.toolchain is set, but")))));
    }

    @Test
    void classSelectorsAloneDoNotStartTheGuestRun() {
        // What Surefire hands every engine besides the suite: the guest run must not happen twice.
        Events tests = EngineTestKit.engine("wasm-conformance")
                .selectors(org.junit.platform.engine.discovery.DiscoverySelectors.selectClass(GuestConformanceTest.class))
                .configurationParameter("wasm.conformance.guest", "/nowhere/guest.wasm")
                .configurationParameter("wasm.conformance.guest.abi", "wapc")
                .execute().testEvents();
        tests.assertStatistics(s -> s.started(0));
    }

    @Test
    void theGuestPlaceholderWithoutAConfiguredGuestFailsSayingSo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("placeholder.yaml");
        Files.writeString(file, "abi: wapc\nguest: $guest\ncases:\n  - id: x\n    expect: {error: {kind: guest-error}}\n");
        Events tests = EngineTestKit.engine("wasm-conformance").selectors(selectFile(file.toFile()))
                .configurationParameter("wasm.conformance.hosts", "chicory")
                .configurationParameter("wasm.conformance.guest", "").execute().testEvents();
        tests.assertThatEvents().haveExactly(1, event(test("x"), finishedWithFailure(message(m ->
                m.contains("the case names $guest (named at " + file + ":2)")
                        && m.contains("no guest is configured: set wasm.conformance.guest")))));
    }
}
