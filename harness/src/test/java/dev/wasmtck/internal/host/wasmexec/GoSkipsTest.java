package dev.wasmtck.internal.host.wasmexec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wasmtck.internal.yaml.CaseFormatException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The skip list's format and its translation into go test flags; needs no Go installation. */
class GoSkipsTest {

    private static final GoLine CURRENT = new GoLine("current", null, "go1.26.8", null);
    private static final GoLine LEGACY = new GoLine("legacy", null, "go1.19.8", null);

    private static final String TWO = """
            skips:
              - package: time
                go: all
                tests: ^TestLoadLocation
                why: reads the zoneinfo database from the file system
              - package: time
                go: go1.19
                tests: ^ExampleParse$
                why: an example for the test
            """;

    @Test
    void bundledListParses() throws Exception {
        try (var in = GoSkipsTest.class.getResourceAsStream("/go-stdlib/skips.yaml")) {
            GoSkips skips = GoSkips.parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), "skips.yaml");
            for (GoSkips.Skip s : skips.all()) {
                assertThat(s.why()).as("justification of %s", s.where()).isNotBlank();
            }
        }
    }

    @Test
    void noEntryMeansNoFlagsAndNoListing() throws Exception {
        GoSkips skips = GoSkips.parse(TWO, "t.yaml");
        GoSkips.Plan plan = skips.plan(LEGACY, "strings", () -> {
            throw new AssertionError("listed without need");
        });
        assertThat(plan.flags()).isEmpty();
    }

    @Test
    void newerLinesGetSkip() throws Exception {
        GoSkips skips = GoSkips.parse(TWO, "t.yaml");
        GoSkips.Plan plan = skips.plan(CURRENT, "time", () -> {
            throw new AssertionError("listed without need");
        });
        assertThat(plan.flags()).containsExactly("-skip", "(?:^TestLoadLocation)");
    }

    @Test
    void go119GetsTheAnchoredComplementAsRun() throws Exception {
        GoSkips skips = GoSkips.parse(TWO, "t.yaml");
        List<String> listing = GoSkips.listedNames(List.of(
                "TestLoadLocation", "TestLoadLocationFromTZData", "TestParse", "BenchmarkParse",
                "ExampleParse", "ExampleDuration", "ok  \ttime\t0.1s"));
        GoSkips.Plan plan = skips.plan(LEGACY, "time", () -> listing);
        assertThat(plan.flags()).containsExactly("-run", "^(?:TestParse|ExampleDuration)$");
        assertThat(plan.applied()).hasSize(2);
    }

    @Test
    void everythingSkipped() throws Exception {
        GoSkips skips = GoSkips.parse(TWO, "t.yaml");
        GoSkips.Plan plan = skips.plan(LEGACY, "time", () -> List.of("TestLoadLocation"));
        assertThat(plan.everythingSkipped()).isTrue();
    }

    @Test
    void lineSelectors() {
        GoSkips skips = GoSkips.parse("""
                skips:
                  - {package: p, go: legacy, tests: A, why: w}
                  - {package: p, go: go1.26, tests: B, why: w}
                  - {package: p, go: go1.2, tests: C, why: w}
                """, "t.yaml");
        assertThat(skips.all().stream().filter(s -> s.appliesTo(CURRENT, "p")).map(GoSkips.Skip::tests))
                .containsExactly("B");
        assertThat(skips.all().stream().filter(s -> s.appliesTo(LEGACY, "p")).map(GoSkips.Skip::tests))
                .containsExactly("A");
    }

    @Test
    void extraFlagsPerPackageAndLine() {
        GoSkips skips = GoSkips.parse("""
                skips: []
                flags:
                  - {package: time, go: all, flags: [-tags=timetzdata], why: w}
                  - {package: time, go: legacy, flags: -v, why: w}
                """, "t.yaml");
        assertThat(skips.extraFlags(CURRENT, "time")).containsExactly("-tags=timetzdata");
        assertThat(skips.extraFlags(LEGACY, "time")).containsExactly("-tags=timetzdata", "-v");
        assertThat(skips.extraFlags(LEGACY, "sort")).isEmpty();
        assertThatThrownBy(() -> GoSkips.parse("skips: []\nflags:\n  - {package: p, go: all, flags: [x], why: w}\n", "t.yaml"))
                .hasMessageContaining("starting with '-'");
    }

    @Test
    void rejectsEntriesWithoutJustificationOrWithSubtests() {
        assertThatThrownBy(() -> GoSkips.parse("skips:\n  - {package: p, go: all, tests: A}\n", "t.yaml"))
                .isInstanceOf(CaseFormatException.class).hasMessageContaining("'why'");
        assertThatThrownBy(() -> GoSkips.parse("skips:\n  - {package: p, go: all, tests: A, why: ' '}\n", "t.yaml"))
                .hasMessageContaining("justification");
        assertThatThrownBy(() -> GoSkips.parse("skips:\n  - {package: p, go: all, tests: A/b, why: w}\n", "t.yaml"))
                .hasMessageContaining("subtest");
        assertThatThrownBy(() -> GoSkips.parse("skips:\n  - {package: p, go: some, tests: A, why: w}\n", "t.yaml"))
                .hasMessageContaining("t.yaml:2");
    }
}
