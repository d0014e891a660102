package dev.wasmtck.internal.host.bridge;

import dev.wasmtck.abi.bridge.BridgeForm;
import dev.wasmtck.abi.bridge.BridgeSettings;
import dev.wasmtck.abi.bridge.GetBehaviour;
import dev.wasmtck.abi.bridge.Placement;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmtck.host.Abi;
import dev.wasmtck.internal.yaml.CaseFormatException;
import dev.wasmtck.internal.yaml.YamlFiles;
import dev.wasmtck.internal.yaml.YamlMap;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class AsyncBridgeAbiTest {
    private final AsyncBridgeAbi abi = new AsyncBridgeAbi();

    private BridgeSettings parse(String yaml) {
        YamlMap host = YamlFiles.compose(yaml, "case.yaml").get(0).asMap("the host section");
        return abi.parseSettings(Optional.of(host));
    }

    private CaseFormatException bad(String yaml) {
        return assertThrows(CaseFormatException.class, () -> parse(yaml));
    }

    @Test
    void registeredThroughServiceLoader() {
        boolean found = ServiceLoader.load(Abi.class).stream()
                .anyMatch(p -> p.type() == AsyncBridgeAbi.class);
        assertTrue(found, "META-INF/services/dev.wasmtck.host.Abi lists AsyncBridgeAbi");
        assertEquals("async-bridge", abi.name());
        assertEquals("call", abi.defaultFunction());
    }

    @Test
    void noSectionMeansEchoWithTheAllocator() {
        assertEquals(BridgeSettings.DEFAULT, abi.parseSettings(Optional.empty()));
        assertEquals(List.of(new GetBehaviour.Echo(Duration.ZERO)), BridgeSettings.DEFAULT.answers());
        assertEquals(Placement.ALLOCATOR, BridgeSettings.DEFAULT.placement());
    }

    @Test
    void placementAndSingleBehaviour() {
        BridgeSettings s = parse("placement: fixed-offset\nget: {echo: true, delay: 50ms}\n");
        assertEquals(Placement.FIXED_OFFSET, s.placement());
        assertEquals(new GetBehaviour.Echo(Duration.ofMillis(50)), s.forGet(1).orElseThrow());
        assertEquals(new GetBehaviour.Echo(Duration.ofMillis(50)), s.forGet(7).orElseThrow(), "applies to every get");
    }

    @Test
    void scriptedAnswers() {
        BridgeSettings s = parse("""
                get:
                  - echo
                  - reject: no such key
                    delay: 2s
                  - {function: lookup}
                """);
        assertTrue(s.scripted());
        assertEquals(new GetBehaviour.Echo(Duration.ZERO), s.forGet(1).orElseThrow());
        assertEquals(new GetBehaviour.Reject("no such key", Duration.ofSeconds(2)), s.forGet(2).orElseThrow());
        assertEquals(new GetBehaviour.Function("lookup", Duration.ZERO), s.forGet(3).orElseThrow());
        assertTrue(s.forGet(4).isEmpty());
    }

    @Test
    void unknownSectionKey() {
        CaseFormatException e = bad("placement: allocator\nretries: 3\n");
        assertEquals(2, e.where().line());
        assertTrue(e.getMessage().startsWith("case.yaml:2: unknown key 'retries'"), e.getMessage());
    }

    @Test
    void unknownBehaviourKey() {
        CaseFormatException e = bad("get:\n  - echo\n  - {resolve: 1, wait: 5ms}\n");
        assertEquals(3, e.where().line());
        assertTrue(e.getMessage().contains("unknown key 'wait'"), e.getMessage());
    }

    @Test
    void twoBehavioursInOne() {
        CaseFormatException e = bad("get: {echo: true, reject: no}\n");
        assertTrue(e.getMessage().contains("only one of"), e.getMessage());
    }

    @Test
    void noBehaviourInMapping() {
        CaseFormatException e = bad("get: {delay: 5ms}\n");
        assertTrue(e.getMessage().contains("needs one of [echo, resolve, reject, function]"), e.getMessage());
    }

    @Test
    void unknownPlacement() {
        CaseFormatException e = bad("placement: offset-1\n");
        assertTrue(e.getMessage().contains("unknown placement 'offset-1'"), e.getMessage());
        assertTrue(e.getMessage().contains("[allocator, fixed-offset, auto]"), e.getMessage());
    }

    @Test
    void unknownBehaviourWord() {
        CaseFormatException e = bad("get: reflect\n");
        assertTrue(e.getMessage().startsWith("case.yaml:1:"), e.getMessage());
        assertTrue(e.getMessage().contains("unknown get behaviour 'reflect'"), e.getMessage());
    }

    @Test
    void echoFalseIsRefused() {
        assertTrue(bad("get: {echo: false}\n").getMessage().contains("echo: false"));
    }

    @Test
    void badDelay() {
        assertTrue(bad("get: {echo: true, delay: soon}\n").getMessage().contains("duration"));
    }

    @Test
    void emptyScript() {
        assertTrue(bad("get: []\n").getMessage().contains("no answers"));
    }

    @Test
    void rejectNeedsAMessage() {
        assertTrue(bad("get: {reject: [a]}\n").getMessage().contains("rejection message"));
    }

    @Test
    void formsNameTheFormsACaseIsWrittenFor() {
        assertEquals(java.util.Set.of(BridgeForm.VALUE), parse("forms: value\n").forms());
        BridgeSettings s = parse("placement: auto\nforms: [seed, out-pointer]\n");
        assertEquals(java.util.Set.of(BridgeForm.SEED, BridgeForm.OUT_POINTER), s.forms());
        assertEquals(Placement.AUTO, s.placement());
        assertTrue(s.appliesTo(BridgeForm.SEED) && !s.appliesTo(BridgeForm.VALUE));
        assertTrue(parse("get: echo\n").appliesTo(BridgeForm.VALUE), "no forms: every form");
    }

    @Test
    void unknownOrNoForm() {
        CaseFormatException e = bad("forms: [seed, futures]\n");
        assertTrue(e.getMessage().startsWith("case.yaml:1:"), e.getMessage());
        assertTrue(e.getMessage().contains("unknown form 'futures'; expected one of [seed, handle, out-pointer, value]"),
                e.getMessage());
        assertTrue(bad("forms: []\n").getMessage().contains("forms lists no form"));
    }
}
