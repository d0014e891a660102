package dev.wasmtck.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathResource;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUri;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.FilePosition;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.opentest4j.AssertionFailedError;

class EngineTest {
    private static final String BASICS = "engine/basics.yaml";

    private static EngineTestKit.Builder kit() {
        return EngineTestKit.engine(WasmConformanceEngine.ENGINE_ID)
                .configurationParameter("wasm.conformance.hosts", "fake");
    }

    private static Events tests(EngineTestKit.Builder builder) {
        return builder.execute().testEvents();
    }

    @Test
    void runsEveryCaseOfAFileWithTheRightOutcome() {
        Events events = tests(kit().selectors(selectClasspathResource(BASICS)));
        events.assertStatistics(s -> s.started(7).succeeded(4).failed(3).skipped(1));
        events.assertThatEvents()
                .haveExactly(1, event(test("echo-map"), finishedSuccessfully()))
                .haveExactly(1, event(test("expected-trap"), finishedSuccessfully()))
                .haveExactly(1, event(test("skipped"), skippedWithReason("needs a feature this host lacks")));
    }

    @Test
    void wrongValueFailsWithPathAndExpectedActualForIdeDiff() {
        Events events = tests(kit().selectors(selectClasspathResource(BASICS)));
        Throwable t = failure(events, "wrong-value");
        assertThat(t).isInstanceOf(AssertionFailedError.class);
        assertThat(t.getMessage())
                .startsWith("engine/basics.yaml:10 case 'wrong-value' (guest fake.wasm, host fake)")
                .contains("$.msg")
                .contains("Goodbye")
                .contains("Hello");
        AssertionFailedError afe = (AssertionFailedError) t;
        assertThat(afe.isExpectedDefined()).isTrue();
        assertThat(afe.isActualDefined()).isTrue();
        assertThat(afe.getExpected().getStringRepresentation()).contains("Goodbye");
        assertThat(afe.getActual().getStringRepresentation()).contains("Hello");
    }

    @Test
    void aGuestFaultWhereOutputWasExpectedIsAnErrorNamingKindAndMessage() {
        Events events = tests(kit().selectors(selectClasspathResource(BASICS)));
        Throwable t = failure(events, "unexpected-trap");
        assertThat(t).isNotInstanceOf(AssertionError.class);
        assertThat(t.getMessage()).contains("case 'unexpected-trap'", "host fake", "[trap]", "unreachable executed in call");
    }

    @Test
    void aFaultOfTheWrongKindFailsWithBothSides() {
        Throwable t = failure(tests(kit().selectors(selectClasspathResource(BASICS))), "wrong-error");
        assertThat(t).isInstanceOf(AssertionFailedError.class);
        assertThat(t.getMessage()).contains("expected [trap]", "got [guest-error] bad input");
    }

    @Test
    void malformedMessagePackInTheResultFailsTheCaseClearly() {
        Events events = tests(kit().selectors(selectClasspathResource("engine/malformed.yaml")));
        events.assertStatistics(s -> s.started(2).failed(2));
        assertThat(failure(events, "malformed-result").getMessage())
                .startsWith("engine/malformed.yaml:4 case 'malformed-result' (guest fake.wasm, host fake)")
                .contains("malformed MessagePack");
        assertThat(failure(events, "trailing-bytes").getMessage()).contains("malformed MessagePack");
    }

    @Test
    void brokenYamlFailsItsOwnFileNodeWithLineAndOtherFilesStillRun() {
        Events events = tests(kit().selectors(
                selectClasspathResource("engine/broken-syntax.yaml"), selectClasspathResource(BASICS)));
        events.assertThatEvents().haveExactly(1, event(test(), displayName("engine/broken-syntax (invalid case file)"),
                finishedWithFailure(message(m -> m.startsWith("engine/broken-syntax.yaml:6: invalid YAML")))));
        events.assertThatEvents().haveExactly(1, event(test("echo-map"), finishedSuccessfully()));
    }

    @Test
    void unknownTopLevelKeyNamesKeyLineAndAlternatives() {
        Events events = tests(kit().selectors(selectClasspathResource("engine/bad-top.yaml")));
        events.assertThatEvents().haveExactly(1, event(test(), finishedWithFailure(message(m ->
                m.startsWith("engine/bad-top.yaml:3: unknown key 'casez' in the case file; expected one of")))));
    }

    @Test
    void eachBadEntryFailsAloneWithFileLineAndTheRestRuns() {
        Events events = tests(kit().selectors(selectClasspathResource("engine/bad-entries.yaml")));
        events.assertThatEvents()
                .haveExactly(1, event(test("fine"), finishedSuccessfully()))
                .haveExactly(1, event(test("typo-key"), finishedWithFailure(message(m ->
                        m.startsWith("engine/bad-entries.yaml:8: unknown key 'inptu' in a case")))))
                .haveExactly(1, event(test("wrong-type"), finishedWithFailure(message(m ->
                        m.startsWith("engine/bad-entries.yaml:11: expected timeout (a scalar), found a list")))))
                .haveExactly(1, event(test("missing-guest"), finishedWithFailure(message(m ->
                        m.contains("case 'missing-guest'") && m.contains("nowhere.wasm") && m.contains("not found")))))
                .haveExactly(1, event(test("unknown-abi"), finishedWithFailure(message(m ->
                        m.startsWith("engine/bad-entries.yaml:17: unknown abi 'telepathy'")))))
                .haveExactly(1, event(test(), finishedWithFailure(message(m ->
                        m.contains("duplicate case id 'fine' (first at line 4)")))))
                .haveExactly(1, event(test("does-not-link"), finishedWithFailure(message(m ->
                        m.contains("case 'does-not-link'") && m.contains("does not link")))));
    }

    @Test
    void uniqueIdsRoundTripForSeveralCasesOfOneFile() {
        TestDescriptor root = kit().selectors(selectClasspathResource(BASICS)).discover().getEngineDescriptor();
        List<UniqueId> ids = root.getDescendants().stream()
                .filter(d -> d.isTest() && (d.getDisplayName().endsWith("echo-map [fake.wasm on fake]")
                        || d.getDisplayName().endsWith("scripted-reply [fake.wasm on fake]")))
                .map(TestDescriptor::getUniqueId).toList();
        assertThat(ids).hasSize(2);
        assertThat(ids.get(0).toString()).contains("[case:echo-map]").doesNotContain("[case:0]");
        Events events = tests(kit().selectors(selectUniqueId(ids.get(0)), selectUniqueId(ids.get(1))));
        events.assertStatistics(s -> s.started(2).succeeded(2));
    }

    @Test
    void targetUniqueIdSelectsOneGuestOfAMultiGuestCase() {
        TestDescriptor root = kit().selectors(selectClasspathResource("engine/more/two-guests.yaml"))
                .discover().getEngineDescriptor();
        List<TestDescriptor> leaves = root.getDescendants().stream().filter(TestDescriptor::isTest)
                .map(d -> (TestDescriptor) d).toList();
        assertThat(leaves).extracting(TestDescriptor::getDisplayName).containsExactly(
                "more/two-guests \u203a echo [../fake.wasm on fake]",
                "more/two-guests \u203a echo [../fake-copy.wasm on fake]");
        Events events = tests(kit().selectors(selectUniqueId(leaves.get(1).getUniqueId())));
        events.assertStatistics(s -> s.started(1).succeeded(1));
        events.assertThatEvents().haveExactly(1, event(test(), displayName(leaves.get(1).getDisplayName()),
                finishedSuccessfully()));
    }

    @Test
    void aLinePositionSelectsTheCaseAtThatLine() {
        Events events = tests(kit().selectors(selectClasspathResource(BASICS, FilePosition.from(17))));
        events.assertStatistics(s -> s.started(1).succeeded(1));
        events.assertThatEvents().haveExactly(1, event(test("scripted-reply"), finishedSuccessfully()));
    }

    @Test
    void fileDirectoryAndUriSelectorsFindTheSameCases() throws URISyntaxException {
        Path file = Path.of(getClass().getClassLoader().getResource(BASICS).toURI());
        tests(kit().selectors(selectFile(file.toString()))).assertStatistics(s -> s.started(7));
        tests(kit().selectors(selectFile(file.toString(), FilePosition.from(7)))).assertStatistics(s -> s.started(1));
        tests(kit().selectors(selectUri(file.toUri() + "?line=7"))).assertStatistics(s -> s.started(1));
        tests(kit().selectors(selectUri("classpath:/" + BASICS))).assertStatistics(s -> s.started(7));
        tests(kit().selectors(selectDirectory(file.getParent().resolve("more").toString())))
                .assertStatistics(s -> s.started(2).succeeded(2));
    }

    @Test
    void packageAndClasspathRootSelectorsScanForCaseFiles() {
        tests(kit().selectors(org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage("engine.more")))
                .assertStatistics(s -> s.started(2).succeeded(2));
        tests(kit().configurationParameter("wasm.conformance.cases.root", "engine/more")
                .selectors(org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots(
                        java.util.Set.of(Path.of("target/test-classes").toAbsolutePath())).get(0)))
                .assertStatistics(s -> s.started(2).succeeded(2));
    }

    @Test
    void aFolderAndAFileInsideItProduceEachNodeOnce() {
        Events events = tests(kit().selectors(
                selectClasspathResource("engine/more"), selectClasspathResource("engine/more/two-guests.yaml")));
        events.assertStatistics(s -> s.started(2));
    }

    @Test
    void caseTagsAndTheAbiBecomeJUnitTags() {
        Events events = tests(kit().selectors(selectClasspathResource(BASICS)).filters(TagFilter.includeTags("slow")));
        events.assertStatistics(s -> s.started(1).succeeded(1));
        Events byAbi = tests(kit().selectors(selectClasspathResource(BASICS)).filters(TagFilter.includeTags("fake & basics")));
        byAbi.assertStatistics(s -> s.started(7));
    }

    @Test
    void eachModuleIsPreparedOncePerHostPerRun() {
        int before = FakeHost.PREPARES.get();
        tests(kit().selectors(selectClasspathResource(BASICS)));
        assertThat(FakeHost.PREPARES.get() - before).isEqualTo(1);
    }

    @Test
    void parallelExecutionRunsEveryCase() {
        Events events = tests(kit()
                .configurationParameter("wasm.conformance.execution.parallel.enabled", "true")
                .configurationParameter("wasm.conformance.execution.parallel.config.strategy", "fixed")
                .configurationParameter("wasm.conformance.execution.parallel.config.fixed.parallelism", "4")
                .selectors(selectClasspathResource(BASICS), selectClasspathResource("engine/more")));
        events.assertStatistics(s -> s.started(9).succeeded(6).failed(3).skipped(1));
    }

    @Test
    void aCaseWhoseAbiNoConfiguredHostImplementsIsSkippedWithTheReason() {
        Events events = tests(EngineTestKit.engine(WasmConformanceEngine.ENGINE_ID)
                .configurationParameter("wasm.conformance.hosts", "chicory")
                .selectors(selectClasspathResource("engine/more/two-guests.yaml")));
        events.assertThatEvents().haveExactly(1,
                event(test("echo"), skippedWithReason("no configured host implements abi 'fake'")));
    }

    @Test
    void exitCodesAndGlobalsAreJudgedWithReadableFailures() {
        Events events = tests(kit().selectors(selectClasspathResource("engine/exits.yaml")));
        events.assertThatEvents()
                .haveExactly(1, event(test("exit-as-expected"), finishedSuccessfully()))
                .haveExactly(1, event(test("unexpected-exit-accepted-as-error"), finishedSuccessfully()))
                .haveExactly(1, event(test("completes"), finishedSuccessfully()))
                .haveExactly(1, event(test("globals-match"), finishedSuccessfully()));
        assertThat(failure(events, "exit-differs")).isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("expected the program to exit with code 3, but it is exit 4");
        assertThat(failure(events, "still-running-but-exit-expected").getMessage())
                .contains("still running (it did not exit)");
        assertThat(failure(events, "unexpected-exit").getMessage())
                .contains("the guest failed [exit]: the program exited with code 2", "stderr ends:", "panic: boom");
        assertThat(failure(events, "globals-differ")).isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("global 'answer' differs");
        assertThat(failure(events, "exit-and-error").getMessage())
                .startsWith("engine/exits.yaml:").contains("'exit' and 'error' exclude each other");
        assertThat(failure(events, "exit-out-of-range").getMessage()).contains("an exit code is 0..255, found 300");
    }

    private static Throwable failure(Events events, String caseId) {
        return events.failed().filter(e -> e.getTestDescriptor().getUniqueId().toString().contains("[case:" + caseId + "]"))
                .findFirst().orElseThrow(() -> new AssertionError("no failure for " + caseId))
                .getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class)
                .getThrowable().orElseThrow();
    }

}
