package dev.wasmtck.internal.host.wasmexec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The named slots land where Go's own wasm_exec.js reads and writes them (offsets from sp). */
class GoStackTest {
    private static int at(String function, String slot) {
        return GoStack.LAYOUTS.get(function).offset(slot);
    }

    @Test
    void slotsSitAtGoOffsets() {
        assertThat(at("syscall/js.valueGet", "ref")).isEqualTo(32);
        assertThat(at("syscall/js.valueCall", "v")).isEqualTo(8);
        assertThat(at("syscall/js.valueCall", "m")).isEqualTo(16);
        assertThat(at("syscall/js.valueCall", "args")).isEqualTo(32);
        assertThat(at("syscall/js.valueCall", "ref")).isEqualTo(56);
        assertThat(at("syscall/js.valueCall", "ok")).isEqualTo(64);
        assertThat(at("syscall/js.valueInvoke", "args")).isEqualTo(16);
        assertThat(at("syscall/js.valueNew", "ref")).isEqualTo(40);
        assertThat(at("syscall/js.valueNew", "ok")).isEqualTo(48);
        assertThat(at("syscall/js.copyBytesToGo", "src")).isEqualTo(32);
        assertThat(at("syscall/js.copyBytesToGo", "n")).isEqualTo(40);
        assertThat(at("syscall/js.copyBytesToGo", "ok")).isEqualTo(48);
        assertThat(at("syscall/js.copyBytesToJS", "ok")).isEqualTo(48);
        assertThat(at("runtime.wasmWrite", "n")).isEqualTo(24);
        assertThat(at("runtime.scheduleTimeoutEvent", "id")).isEqualTo(16);
    }

    @Test
    void onlyFunctionsThatCanRunGoCodeReReadTheStackPointer() {
        Set<String> reentrant = new HashSet<>();
        GoStack.LAYOUTS.forEach((name, layout) -> {
            if (layout.reenters()) {
                reentrant.add(name);
            }
        });
        assertThat(reentrant).containsExactlyInAnyOrder("syscall/js.valueGet", "syscall/js.valueCall",
                "syscall/js.valueInvoke", "syscall/js.valueNew");
    }

    @Test
    void everyStackPointerImportHasALayout() {
        Set<String> expected = new HashSet<>(GoImports.SP_FUNCTIONS);
        expected.remove("debug"); // takes a plain value, not sp
        assertThat(GoStack.LAYOUTS.keySet()).isEqualTo(expected);
    }
}
