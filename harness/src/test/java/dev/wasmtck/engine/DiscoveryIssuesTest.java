package dev.wasmtck.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathResource;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;

import dev.wasmtck.Constants;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.ClasspathResourceSource;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * Problems found while discovering are JUnit discovery issues with their file and line; input a
 * failing node shows too is a warning, configuration that stops the run is critical.
 */
class DiscoveryIssuesTest {

    private static EngineTestKit.Builder kit() {
        return EngineTestKit.engine(WasmConformanceEngine.ENGINE_ID)
                .configurationParameter(Constants.HOSTS, "fake");
    }

    private static List<DiscoveryIssue> issues(EngineTestKit.Builder builder) {
        return builder.discover().getDiscoveryIssues();
    }

    @Test
    void aBrokenCaseFileIsAWarningAtItsLineAndStillAFailingTest() {
        EngineTestKit.Builder kit = kit().selectors(selectClasspathResource("engine/broken-syntax.yaml"),
                selectClasspathResource("engine/basics.yaml"));
        List<DiscoveryIssue> issues = issues(kit);
        assertThat(issues).hasSize(1);
        assertThat(issues.get(0).severity()).isEqualTo(Severity.WARNING);
        assertThat(issues.get(0).message()).startsWith("engine/broken-syntax.yaml:6: invalid YAML");
        assertThat(issues.get(0).source()).contains(
                ClasspathResourceSource.from("engine/broken-syntax.yaml", FilePosition.from(6)));
        Events events = kit.execute().testEvents();
        events.assertThatEvents().haveExactly(1, event(test(), displayName("engine/broken-syntax (invalid case file)"),
                finishedWithFailure()));
        // The warning does not stop the other file.
        events.assertStatistics(s -> s.started(8));
    }

    @Test
    void aBrokenCaseIsAWarningAtItsLine() {
        List<DiscoveryIssue> issues = issues(kit().selectors(selectClasspathResource("engine/bad-entries.yaml")));
        assertThat(issues).anySatisfy(i -> {
            assertThat(i.severity()).isEqualTo(Severity.WARNING);
            assertThat(i.message()).startsWith("engine/bad-entries.yaml:17: unknown abi 'telepathy'");
            assertThat(i.source()).contains(
                    ClasspathResourceSource.from("engine/bad-entries.yaml", FilePosition.from(17)));
        });
    }

    @Test
    void anUnknownHostIsACriticalIssueNamingTheKeyNotAnException() {
        EngineTestKit.Builder kit = kit().configurationParameter(Constants.HOSTS, "fake,no-such-host")
                .selectors(selectClasspathResource("engine/basics.yaml"));
        List<DiscoveryIssue> issues = issues(kit);
        assertThat(issues).singleElement().satisfies(i -> {
            assertThat(i.severity()).isEqualTo(Severity.ERROR);
            assertThat(i.message()).contains(Constants.HOSTS + " names host 'no-such-host', but the classpath only"
                    + " provides [");
        });
        // JUnit fails the engine with the issue and runs none of its tests.
        Events engine = kit.execute().allEvents();
        engine.assertStatistics(s -> s.started(1).failed(1));
        assertThat(engine.failed().stream().findFirst().orElseThrow().getPayload(
                org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow()
                .getMessage()).contains("no-such-host");
    }

    @Test
    void aBadSizeIsACriticalIssueNamingTheKey() {
        List<DiscoveryIssue> issues = issues(kit().configurationParameter(Constants.CASE_FILE_MAX_SIZE, "lots")
                .selectors(selectClasspathResource("engine/basics.yaml")));
        assertThat(issues).singleElement().satisfies(i -> {
            assertThat(i.severity()).isEqualTo(Severity.ERROR);
            assertThat(i.message()).contains(Constants.CASE_FILE_MAX_SIZE + " must be a size like 1MiB, found 'lots'");
        });
    }

    @Test
    void aBrokenKnownFailureListIsAWarningPointingAtTheList() {
        List<DiscoveryIssue> issues = issues(kit().configurationParameter(Constants.KNOWN_FAILURES, "classpath:kf/broken.yaml")
                .selectors(selectClasspathResource("engine/basics.yaml")));
        assertThat(issues).singleElement().satisfies(i -> {
            assertThat(i.severity()).isEqualTo(Severity.WARNING);
            assertThat(i.message()).startsWith("kf/broken.yaml:");
            assertThat(i.source()).contains(ClasspathResourceSource.from("kf/broken.yaml"));
        });
    }

    @Test
    void aUniqueIdOfACaseThatIsGoneIsACriticalIssue() {
        UniqueId engine = UniqueId.forEngine(WasmConformanceEngine.ENGINE_ID);
        UniqueId gone = engine.append("file", "classpath:engine/basics.yaml").append("case", "no-such-case");
        UniqueId kept = engine.append("file", "classpath:engine/basics.yaml").append("case", "echo-map");
        List<DiscoveryIssue> issues = issues(kit().selectors(selectUniqueId(gone), selectUniqueId(kept)));
        assertThat(issues).singleElement().satisfies(i -> {
            assertThat(i.severity()).isEqualTo(Severity.ERROR);
            assertThat(i.message()).contains("no-such-case").contains("could not be resolved");
        });
        assertThat(issues(kit().selectors(selectUniqueId(kept)))).isEmpty();
    }
}
