package dev.wasmtck.engine;

import dev.wasmtck.internal.engine.execution.KnownFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathResource;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.wasmtck.internal.engine.discovery.CaseFileFinder;
import dev.wasmtck.internal.engine.execution.KnownFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestTag;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** The TCK side of the engine: format versions, levels, capabilities and known-failure lists. */
class TckEngineTest {
    private static final String LEVELS = "engine/tck/levels.yaml";
    private static final String KNOWN = "engine/tck/known.yaml";

    private static EngineTestKit.Builder kit(String hosts) {
        return EngineTestKit.engine(WasmConformanceEngine.ENGINE_ID).configurationParameter("wasm.conformance.hosts", hosts);
    }

    private static Events tests(EngineTestKit.Builder builder) {
        return builder.execute().testEvents();
    }

    @Test
    void anUnsupportedCaseFormatFailsTheFileWithFileAndLine() {
        tests(kit("fake").selectors(selectClasspathResource("engine/tck/format-2.yaml"))).assertThatEvents()
                .haveExactly(1, event(test(), displayName("tck/format-2 (invalid case file)"), finishedWithFailure(message(
                        "engine/tck/format-2.yaml:2: unsupported case format 2; this kit reads format 1"))));
    }

    @Test
    void levelsDefaultPerFileAreOverriddenPerCaseAndBecomeTags() {
        TestDescriptor root = kit("fake").selectors(selectClasspathResource(LEVELS)).discover().getEngineDescriptor();
        var tags = root.getDescendants().stream().filter(TestDescriptor::isTest).collect(Collectors.toMap(
                d -> d.getDisplayName().replaceAll(".* \u203a (\\S+).*", "$1"),
                d -> d.getTags().stream().map(TestTag::getName).collect(Collectors.toSet())));
        assertThat(tags.get("optional-by-default")).contains("optional", "fake", "host:fake", "toolchain:prebuilt")
                .doesNotContain("required");
        assertThat(tags.get("required-override")).contains("required").doesNotContain("optional");
        tests(kit("fake").selectors(selectClasspathResource(LEVELS)).filters(TagFilter.includeTags("required")))
                .assertStatistics(s -> s.started(2).succeeded(1).failed(1));
        tests(kit("fake").selectors(selectClasspathResource(LEVELS)).filters(TagFilter.excludeTags("required")))
                .assertStatistics(s -> s.started(3).succeeded(2).failed(1).skipped(1));
    }

    @Test
    void badLevelsAndCapabilitiesFailTheirCaseWithFileAndLine() {
        tests(kit("fake").selectors(selectClasspathResource("engine/tck/bad-level.yaml"))).assertThatEvents()
                .haveExactly(1, event(test("bad-level"), finishedWithFailure(message(
                        "engine/tck/bad-level.yaml:5: unknown level 'mandatory'; expected required or optional"))))
                .haveExactly(1, event(test("bad-capability"), finishedWithFailure(message(m ->
                        m.startsWith("engine/tck/bad-level.yaml:8: capability 'Has Spaces' must match")))));
    }

    @Test
    void aCaseNeedingACapabilityTheHostLacksIsSkippedNamingHostAndCapability() {
        Events fake = tests(kit("fake").selectors(selectClasspathResource(LEVELS)));
        fake.assertThatEvents()
                .haveExactly(1, event(test("needs-scripts"), finishedSuccessfully()))
                .haveExactly(1, event(test("needs-what-no-host-has"),
                        skippedWithReason("host fake lacks capability 'memory-limit' that case 'needs-what-no-host-has' requires")));
        // fake-lite has no capabilities at all: every case of the file needs 'timeout' (a file-level requires).
        Events lite = tests(kit("fake-lite").selectors(selectClasspathResource(LEVELS)));
        lite.assertStatistics(s -> s.started(0).skipped(6));
        lite.assertThatEvents().haveExactly(1, event(test("needs-what-no-host-has"), skippedWithReason(
                "host fake-lite lacks capabilities [fake.scripts, memory-limit, timeout] that case 'needs-what-no-host-has' requires")));
    }

    @Test
    void capabilitiesAreJudgedPerTargetWhenACaseRunsOnSeveralHosts() {
        Events both = tests(kit("fake,fake-lite")
                .configurationParameter("wasm.conformance.known-failures.auto", "false")
                .selectors(selectClasspathResource(LEVELS)));
        both.assertThatEvents()
                .haveExactly(1, event(test("optional-by-default"), nameEnds("[../fake.wasm on fake]"),
                        finishedSuccessfully()))
                .haveExactly(1, event(test("optional-by-default"), nameEnds("[../fake.wasm on fake-lite]"),
                        skippedWithReason(r -> r.startsWith("host fake-lite lacks capability 'timeout'"))));
    }

    private static org.assertj.core.api.Condition<org.junit.platform.testkit.engine.Event> nameEnds(String suffix) {
        return new org.assertj.core.api.Condition<>(e -> e.getTestDescriptor().getDisplayName().endsWith(suffix),
                "display name ending " + suffix);
    }

    @Test
    void theReferenceHostDeclaresItsCapabilities() {
        var host = new dev.wasmtck.internal.host.chicory.ChicoryHostProvider().create(k -> java.util.Optional.empty());
        assertThat(host.capabilities()).contains("timeout", "memory-limit", "wasm-exec.host-js", "java-host-functions")
                .isSubsetOf(dev.wasmtck.host.Capabilities.ALL);
    }

    private static EngineTestKit.Builder known() {
        return kit("fake").configurationParameter("wasm.conformance.known-failures", "classpath:kf/fake.yaml")
                .selectors(selectClasspathResource(KNOWN));
    }

    @Test
    void aListedFailureWithTheExpectedMessageIsAbortedAsAKnownFailure() {
        known().execute().testEvents().assertThatEvents().haveExactly(1, event(test("listed-fails"),
                abortedWithReason(instanceOf(KnownFailure.class), message(m -> m.startsWith(
                        "known failure (kf/fake.yaml:5): the fake host traps on purpose; message: the guest failed [trap]: boom at 0x2a")))));
    }

    @Test
    void anUnlistedFailureStillFails() {
        known().execute().testEvents().assertThatEvents().haveExactly(1, event(test("unlisted-fails"),
                finishedWithFailure(message(m -> m.contains("output differs")))));
    }

    @Test
    void aListedCaseThatPassesFailsAsAStaleEntry() {
        known().execute().testEvents().assertThatEvents().haveExactly(1, event(test("listed-passes"),
                finishedWithFailure(message(m -> m.endsWith(
                        "stale known-failure entry (kf/fake.yaml:8): the case passed on host fake; remove the entry")))));
    }

    @Test
    void aListedFailureWithAnotherMessageFailsAsChanged() {
        known().execute().testEvents().assertThatEvents().haveExactly(1, event(test("listed-changed"),
                finishedWithFailure(message(m -> m.contains("known failure changed (kf/fake.yaml:11): expected a message"
                        + " starting \"the guest failed [trap]: boom\", got \"the guest failed [trap]: a different problem\"")))));
    }

    @Test
    void anEntryForAHostThatDoesNotRunIsNotJudged() {
        known().execute().testEvents().assertThatEvents().haveExactly(1, event(test("listed-for-another-host"),
                finishedWithFailure(message(m -> m.contains("output differs")))));
    }

    @Test
    void entriesThatMatchNothingFailTheListNodeWithTheirLines() {
        Events events = known().execute().testEvents();
        events.assertThatEvents().haveExactly(1, event(test(), displayName("kf/fake.yaml (known-failure list)"),
                finishedWithFailure(message(m -> m.contains("4 problems")
                        && m.contains("kf/fake.yaml:20: tck/known#no-such-case names no case of engine/tck/known.yaml")
                        && m.contains("kf/fake.yaml:23: tck/known#listed-fails has no target on host fake with toolchain emscripten")
                        && m.contains("kf/fake.yaml:27: duplicate entry: tck/known#listed-fails on ../fake.wasm on fake is already listed at line 5")
                        && m.contains("kf/fake.yaml:30: tck/renamed#listed-fails names no case file")))));
    }

    @Test
    void narrowingARunNeverMakesEntriesForOtherCasesLookUnused(@TempDir Path dir) throws IOException {
        Path list = dir.resolve("narrow.yaml");
        Files.writeString(list, """
                host: fake
                failures:
                  - case: tck/known#listed-fails
                    message: "the guest failed [trap]: boom"
                    reason: fails on purpose
                """);
        // Another file of the same folder only: the listed file exists, so the entry is not judged.
        Events other = tests(kit("fake").configurationParameter("wasm.conformance.known-failures", list.toString())
                .selectors(selectClasspathResource(LEVELS)));
        other.assertThatEvents().noneMatch(e -> e.getTestDescriptor().getDisplayName().contains("known-failure list"));
        // The listed file, narrowed to another case: the entry still matches a case of the file read.
        Events narrowed = tests(kit("fake").configurationParameter("wasm.conformance.known-failures", list.toString())
                .configurationParameter("wasm.conformance.select", "tck/known#listed-passes")
                .selectors(selectClasspathResource(KNOWN)));
        narrowed.assertStatistics(s -> s.started(1).succeeded(1));
    }

    @Test
    void aMalformedListFailsItsNodeWithFileAndLine() {
        tests(kit("fake").configurationParameter("wasm.conformance.known-failures", "classpath:kf/broken.yaml")
                .selectors(selectClasspathResource(KNOWN))).assertThatEvents()
                .haveExactly(1, event(test(), displayName("kf/broken.yaml (known-failure list)"),
                        finishedWithFailure(message(m -> m.startsWith("kf/broken.yaml:3: entry for tck/known#listed-fails needs"
                                + " exactly one of 'message'")))));
        tests(kit("fake").configurationParameter("wasm.conformance.known-failures", "no/such/list.yaml")
                .selectors(selectClasspathResource(KNOWN))).assertThatEvents()
                .haveExactly(1, event(test(), finishedWithFailure(message(m -> m.startsWith(
                        "no/such/list.yaml: cannot read the known-failure list")))));
    }

    @Test
    void anUnstableEntryIsNotRunAndIsReportedAbortedWhateverTheCaseWouldDo(@TempDir Path dir) throws IOException {
        Path list = dir.resolve("unstable.yaml");
        Files.writeString(list, """
                host: fake
                failures:
                  - case: tck/known#unlisted-fails
                    unstable: true
                    reason: fails or passes with the machine's speed
                  - case: tck/known#listed-passes
                    unstable: true
                    reason: passes or fails with the machine's speed
                """);
        Events events = tests(kit("fake").configurationParameter("wasm.conformance.known-failures", list.toString())
                .selectors(selectClasspathResource(KNOWN)));
        events.assertThatEvents()
                .haveExactly(1, event(test("unlisted-fails"), abortedWithReason(message(m -> m.endsWith(
                        "not run: listed as unstable on host fake (" + list + ":3): fails or passes with the machine's speed")))))
                .haveExactly(1, event(test("listed-passes"), abortedWithReason(message(m -> m.contains(
                        "listed as unstable on host fake (" + list + ":6)")))));
    }

    @Test
    void anEntryNeedsExactlyOneOfMessageAndUnstable(@TempDir Path dir) throws IOException {
        Path list = dir.resolve("both.yaml");
        Files.writeString(list, """
                host: fake
                failures:
                  - case: tck/known#unlisted-fails
                    unstable: true
                    message: "output differs"
                    reason: both
                """);
        kit("fake").configurationParameter("wasm.conformance.known-failures", list.toString())
                .selectors(selectClasspathResource(KNOWN)).execute().allEvents().assertThatEvents()
                .haveAtLeastOne(finishedWithFailure(message(m -> m.contains(list + ":3")
                        && m.contains("needs exactly one of 'message'"))));
    }

    @Test
    void aListOnDiskWorksLikeOneOnTheClasspath(@TempDir Path dir) throws IOException {
        Path list = dir.resolve("mine.yaml");
        Files.writeString(list, """
                host: fake
                failures:
                  - case: tck/known#unlisted-fails
                    message: "output differs at $"
                    reason: listed from disk
                """);
        tests(kit("fake").configurationParameter("wasm.conformance.known-failures", list.toString())
                .selectors(selectClasspathResource(KNOWN))).assertThatEvents()
                .haveExactly(1, event(test("unlisted-fails"), abortedWithReason(message(m ->
                        m.startsWith("known failure (" + list + ":3): listed from disk")))));
    }

    @Test
    void aHostsListIsLoadedByConventionUnlessTurnedOff() {
        tests(kit("fake-lite").selectors(selectClasspathResource(KNOWN))).assertThatEvents()
                .haveExactly(1, event(test("unlisted-fails"), abortedWithReason(instanceOf(KnownFailure.class),
                        message(m -> m.startsWith("known failure (known-failures/fake-lite.yaml:3): fake-lite is listed")))));
        tests(kit("fake-lite").configurationParameter("wasm.conformance.known-failures.auto", "false")
                .selectors(selectClasspathResource(KNOWN))).assertThatEvents()
                .haveExactly(1, event(test("unlisted-fails"), finishedWithFailure()));
    }

    @Test
    void aSuiteManifestIsNotACaseFile() {
        assertThat(CaseFileFinder.isCaseFile("conformance/suite.yaml")).isFalse();
        assertThat(CaseFileFinder.isCaseFile("conformance/wapc/suite-ish.yaml")).isTrue();
        assertThat(Set.of()).isEmpty();
    }
}
