package dev.wasmtck.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathResource;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.reportEntry;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.wasmtck.internal.guest.GuestBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Assumptions;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
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
        // One host, so the counts below are per guest: graalwasm and endive are on this module's test classpath too.
        kit.configurationParameter("wasm.conformance.hosts", "chicory");
        keys.forEach(kit::configurationParameter);
        Events tests = kit.execute().testEvents();
        // Profile cases written for another form of the bridge abort on purpose; any other abort means no guest.
        List<Event> unavailable = tests.aborted().filter(e -> !String.valueOf(e.getPayload(TestExecutionResult.class)
                .flatMap(TestExecutionResult::getThrowable).map(Throwable::getMessage).orElse(""))
                .startsWith(OTHER_FORM)).toList();
        Assumptions.assumeTrue(unavailable.isEmpty(),
                () -> "guest could not be built here: " + unavailable.get(0).getPayload().orElse(""));
        return tests;
    }

    private static final String OTHER_FORM = "not run: the case is written for guests of the ";

    @Test
    void aSourceFolderGetsTheWapcRulesAndProfile() {
        Events tests = run(Map.of("wasm.conformance.guest", GUESTS.resolve("c/wapc-echo").toString(),
                "wasm.conformance.guest.abi", "wapc"));
        // 4 structural rules and the 3 cases of wapc/guest-profile; no other case file runs.
        tests.assertStatistics(s -> s.started(7).succeeded(7).failed(0));
        tests.assertThatEvents()
                .haveExactly(1, event(test(), displayName("wapc module › exports its entry point [$guest=wapc-echo]"),
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
                .haveExactly(1, event(test(), displayName("wapc module › exports its memory [$guest=no-guest-call.wasm]"),
                        finishedSuccessfully()))
                .haveExactly(1, event(test(), displayName("wapc module › imports from wapc are waPC functions"
                        + " [$guest=no-guest-call.wasm]"), finishedSuccessfully()))
                .haveExactly(1, event(test(), displayName("wapc module › exports its entry point [$guest=no-guest-call.wasm]"),
                        finishedWithFailure(message("guest " + broken + " (abi wapc), recognised as waPC, rule"
                                + " 'exports its entry point':"
                                + " no-guest-call.wasm does not export __guest_call, the waPC entry point"
                                + " (i32, i32) -> i32; its exports are [memory, guest_call]"))))
                .haveExactly(1, event(test(), displayName("wapc module › imports only what a waPC host provides"
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

    /** A hand-written stand-in of the harness's tests (harness/src/test/resources/wat), as a prebuilt module. */
    private static Path standIn(String name) {
        return Path.of("../harness/src/test/resources/wat", name + ".wasm").toAbsolutePath().normalize();
    }

    /**
     * Runs guest conformance on a stand-in, with the author's own {@code cases} when not null: every rule,
     * every profile case and every own case passes, and the report names the module's shape.
     */
    private static void passes(String standIn, String abi, String cases, int tests, String shape) throws Exception {
        Map<String, String> keys = new java.util.HashMap<>(Map.of("wasm.conformance.guest",
                standIn(standIn).toString(), "wasm.conformance.guest.abi", abi));
        if (cases != null) {
            Path dir = Files.createTempDirectory("own-cases");
            Files.writeString(dir.resolve("mine.yaml"), cases);
            keys.put("wasm.conformance.guest.cases", dir.toString());
        }
        Events events = run(keys);
        assertThat(events.failed().stream().map(e -> e.getTestDescriptor().getDisplayName() + ": "
                + e.getRequiredPayload(TestExecutionResult.class).getThrowable().map(Throwable::getMessage).orElse("")))
                .isEmpty();
        events.assertStatistics(s -> s.started(tests).succeeded(tests).failed(0));
        assertThat(events.reportingEntryPublished().stream()
                .flatMap(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs().values().stream())
                .distinct()).containsExactly(shape);
    }

    @Test
    void tinyGoJsModulesOfEachCallingConventionPassAsWasmExecGuests() throws Exception {
        // 4 structural rules and the 1 case of wasm-exec/guest-profile each, plus the author's own 2.
        passes("tinygo-env-refs", "wasm-exec", """
                abi: wasm-exec
                guest: $guest
                cases:
                  - id: values-strings-and-bytes
                    host: {globals: {input: wörld, data: !bin 616263}}
                    expect: {stdout: "WÖRLD\\nabc\\n", globals: {greeting: héllo, data: !bin 585963}}
                  - id: func-of
                    function: add
                    input: [2, 40]
                    expect: {output: 42, stdout: "no input\\ncalled\\n"}
                """, 7, "TinyGo js/wasm, JS values by address (TinyGo 0.28 and older)");
        passes("tinygo-env-refs-context", "wasm-exec", null, 5,
                "TinyGo js/wasm, JS values by address (TinyGo 0.28 and older)");
        passes("tinygo-mini", "wasm-exec", null, 5, "TinyGo js/wasm, JS values as i64 (TinyGo 0.29 and later)");
        passes("tinygo-cwa", "wasm-exec", """
                abi: wasm-exec
                guest: $guest
                cases:
                  - id: resource-write-output
                    host: {globals: {input: wörld}}
                    expect: {stdout: "WÖRLD\\n", globals: {greeting: héllo}}
                  - id: func-of-through-the-go-object-at-id-7
                    function: add
                    input: [2, 40]
                    expect: {output: 42, stdout: "no input\\ncalled\\n"}
                """, 7, "TinyGo js/wasm before 0.12 (resource_write output, cwa_main), JS values by address"
                + " (TinyGo 0.28 and older)");
    }

    @Test
    void tinyGoWapcGuestsOfBothShapesPassAsWapcGuests() throws Exception {
        // 4 structural rules and the 3 cases of wapc/guest-profile each, plus the author's own 1.
        passes("tinygo-wapc-wasm", "wapc", """
                abi: wapc
                guest: $guest
                cases:
                  - id: hello-after-a-host-call
                    function: hello
                    input: !text world
                    host: {handlers: [{namespace: example, operation: greet, echo: true}]}
                    expect: {output: !text "Hello, world", stdout: "hello called\\n"}
                """, 8, "waPC, initialised with _start");
        passes("tinygo-mini", "wapc", null, 7, "fake waPC over TinyGo js/wasm, JS values as i64 (TinyGo 0.29 and later)");
    }

    @Test
    void aGoFakeWapcGuestPassesAsAWapcGuest() {
        Events tests = run(Map.of("wasm.conformance.guest", GUESTS.resolve("go/fake-wapc-example").toString(),
                "wasm.conformance.guest.abi", "wapc"));
        tests.assertStatistics(s -> s.started(7).succeeded(7).failed(0));
        tests.assertThatEvents().haveExactly(1, event(test(),
                displayName("wapc module › exports its entry point [$guest=fake-wapc-example]"), finishedSuccessfully()));
    }

    @Test
    void theSeedsOwnGuestWithoutAllocatorPassesTheBridgeProfileAtTheSeedsOffsets() {
        // guests/c/message is built with the seed's command: it exports memory, call and callback, no malloc.
        Events tests = run(Map.of("wasm.conformance.guest", GUESTS.resolve("c/message").toString(),
                "wasm.conformance.guest.abi", "async-bridge"));
        // 5 structural rules and the 2 profile cases of its form pass; the 2 value-form cases do not apply.
        tests.assertStatistics(s -> s.started(9).succeeded(7).failed(0).aborted(2));
        tests.assertThatEvents()
                .haveExactly(1, event(test(), displayName("async-bridge/guest-profile › call-completes"
                        + " [$guest=message on chicory]"), finishedSuccessfully()))
                .haveExactly(2, event(test(), reportEntry(Map.of("note",
                        "placement auto: the seed's fixed offsets, since message exports no malloc"))))
                .haveExactly(2, event(test(), abortedWithReason(message(OTHER_FORM + "value form, and message is"
                        + " a guest of the seed form (env.get (i32, i32) -> ())"))));
    }

    @Test
    void aBrokenGuestWithoutAllocatorStillFailsTheProfileSayingWhichPlacementRan() throws Exception {
        Path broken = Path.of(getClass().getResource("/guest-conformance/seed-bad-result.wasm").toURI());
        Events tests = run(Map.of("wasm.conformance.guest", broken.toString(), "wasm.conformance.guest.abi",
                "async-bridge"));
        tests.assertStatistics(s -> s.started(9).succeeded(6).failed(1).aborted(2));
        // The passing case says so too, in a report entry.
        tests.assertThatEvents().haveExactly(1, event(test("rejected-get-ends-the-call"), reportEntry(Map.of("note",
                "placement auto: the seed's fixed offsets, since seed-bad-result.wasm exports no malloc"))));
        tests.assertThatEvents().haveExactly(1, event(test("call-completes"), finishedWithFailure(message(m ->
                m.contains("the result struct at 2048 points at data=2147418112")
                        && m.endsWith("[placement auto: the seed's fixed offsets, since seed-bad-result.wasm"
                                + " exports no malloc]")))));
    }

    @Test
    void theSeedsValueFormGetsItsRulesAndProfile() throws Exception {
        Path wasm = Path.of(getClass().getResource("/conformance/async-bridge/guests/value-form.wasm").toURI());
        Events tests = run(Map.of("wasm.conformance.guest", wasm.toString(), "wasm.conformance.guest.abi",
                "async-bridge"));
        // No memory export and no MessagePack, yet every rule holds; the profile's MessagePack cases do not apply.
        tests.assertStatistics(s -> s.started(9).succeeded(7).failed(0).aborted(2));
        tests.assertThatEvents()
                .haveExactly(1, event(test(), displayName("async-bridge module › exports memory 'memory'"
                        + " [$guest=value-form.wasm]"), finishedSuccessfully()))
                .haveExactly(5, event(test(), reportEntry(Map.of("module shape", "the value form (env.get (i32) -> ())"))))
                .haveExactly(1, event(test("value-call-completes"), finishedSuccessfully()))
                .haveExactly(2, event(test(), abortedWithReason(message(OTHER_FORM + "seed or handle or out-pointer"
                        + " form, and value-form.wasm is a guest of the value form (env.get (i32) -> ())"))));
    }

    @Test
    void theOutPointerFormGetsItsRulesAndProfile() throws Exception {
        Path wasm = Path.of(getClass().getResource("/conformance/async-bridge/guests/out-pointer.wasm").toURI());
        Events tests = run(Map.of("wasm.conformance.guest", wasm.toString(), "wasm.conformance.guest.abi",
                "async-bridge"));
        tests.assertStatistics(s -> s.started(9).succeeded(7).failed(0).aborted(2));
        tests.assertThatEvents().haveExactly(1, event(test("call-completes"), finishedSuccessfully()));
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
