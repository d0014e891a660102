package dev.wasmtck.internal.host.wasmexec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.mozilla.javascript.Context;

/** What the walk of a JS world counts, and that it runs no JS while counting. */
class JsWorldSizeTest {
    private static final long BIG = Long.MAX_VALUE / 4;

    private static <T> T inWorld(Function<JsWorld, T> body) {
        Context cx = JsEngine.open();
        try {
            return body.apply(new JsWorld(cx, new EventLoop(), (fd, b, o, l) -> {}, new Random(1)));
        } finally {
            Context.exit();
        }
    }

    private static JsWorldSize measure(JsWorld world, String script) {
        JsWorldSize before = JsWorldSize.measure(List.of(world.global()), BIG);
        world.eval(script, "test", 1);
        JsWorldSize after = JsWorldSize.measure(List.of(world.global()), BIG);
        after.properties -= before.properties;
        after.chars -= before.chars;
        return after;
    }

    @Test
    void countsPropertiesOfObjectsAndElementsOfArrays() {
        JsWorldSize size = inWorld(w -> measure(w, "var o = {}; for (var i = 0; i < 1000; i++) o['k' + i] = i;"
                + " var a = []; for (var j = 0; j < 500; j++) a.push(j);"));
        // o, a and their 1000 + 500 entries (the array's length property too)
        assertThat(size.properties).isBetween(1502L, 1510L);
    }

    @Test
    void countsEntriesOfMapsAndSetsAndWhatTheyHold() {
        JsWorldSize size = inWorld(w -> measure(w, "var m = new Map(); for (var i = 0; i < 300; i++) m.set({}, 'v' + i);"
                + " var s = new Set(); for (var j = 0; j < 200; j++) s.add('x'.repeat(10) + j);"));
        assertThat(size.entries).isEqualTo(500L);
        assertThat(size.chars).as("the values and members are walked").isGreaterThanOrEqualTo(200L * 11);
    }

    @Test
    void countsStringsBuiltByConcatenationAtTheirFullLength() {
        JsWorldSize size = inWorld(w -> measure(w, "var s = 'ab'; for (var i = 0; i < 20; i++) s += s;"));
        assertThat(size.longestString).isEqualTo(2L << 20);
        assertThat(size.chars).isGreaterThanOrEqualTo(2L << 20);
    }

    @Test
    void findsWhatOnlyClosuresHold() {
        JsWorldSize size = inWorld(w -> measure(w, "var f = (function () { var hidden = 'x'.repeat(5000);"
                + " return function () { return hidden; }; })();"));
        assertThat(size.chars).isGreaterThanOrEqualTo(5000L);
    }

    @Test
    void runsNoGettersAndEntersNoProxies() {
        Object calls = inWorld(w -> {
            measure(w, "var calls = 0; var o = {}; Object.defineProperty(o, 'g', {get: function () { calls++; return 1; }});"
                    + " var p = new Proxy({}, {ownKeys: function () { calls++; return []; }, get: function () { calls++; }});");
            return w.eval("calls", "test", 1);
        });
        assertThat(((Number) calls).intValue()).isZero();
    }

    @Test
    void stopsOnceOverTheBudget() {
        JsWorldSize size = inWorld(w -> {
            w.eval("var o = {}; for (var i = 0; i < 100000; i++) o['k' + i] = i;", "test", 1);
            return JsWorldSize.measure(List.of(w.global()), 1000 * JsWorldSize.BYTES_PER_PROPERTY);
        });
        assertThat(size.over()).isTrue();
        assertThat(size.properties).isLessThan(100_000L);
    }
}
