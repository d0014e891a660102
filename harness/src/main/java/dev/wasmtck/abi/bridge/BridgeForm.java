package dev.wasmtck.abi.bridge;

import org.apiguardian.api.API;
import static dev.wasmtck.module.ValueType.I32;

import dev.wasmtck.module.FunctionType;
import dev.wasmtck.module.ValueType;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The shapes of the async bridge (docs/abi-async-bridge.md), told apart by the type of the import
 * {@code env.get}. The host, the structural rules and case settings all read the signatures from here.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum BridgeForm {
    /** get(ptr, len) -> (); callback(ptr, len) -> i32 returns a pointer to {u32 data; u32 len}, 0 if not finished. */
    SEED("seed", List.of(type(2, 0)), type(2, 1), List.of(type(2, 0))),
    /** get(ptr, len) -> handle; callback(handle, ptr, len) -> i32 as in the seed form. */
    HANDLE("handle", List.of(type(2, 1)), type(3, 1), List.of(type(2, 0))),
    /** get(ptr, len, out) -> (); callback(ptr, len, out) -> () writes {u32 data; u32 len} at out. */
    OUT_POINTER("out-pointer", List.of(type(3, 0)), type(3, 0), List.of(type(2, 0))),
    /** The seed's first form: numbers instead of payloads; callback(value) -> i32 is the answer itself. */
    VALUE("value", List.of(type(1, 0), type(0, 0)), type(1, 1), List.of(type(1, 0), type(0, 0)));

    private final String label;
    private final List<FunctionType> gets;
    private final FunctionType callback;
    private final List<FunctionType> entries;

    BridgeForm(String label, List<FunctionType> gets, FunctionType callback, List<FunctionType> entries) {
        this.label = label;
        this.gets = gets;
        this.callback = callback;
        this.entries = entries;
    }

    /** {@code params} i32 parameters and {@code results} i32 results. */
    private static FunctionType type(int params, int results) {
        return FunctionType.of(i32s(params), i32s(results));
    }

    private static List<ValueType> i32s(int n) {
        return Collections.nCopies(n, I32);
    }

    /** The spelling in case files ({@code forms: [value]}) and messages. */
    public String label() {
        return label;
    }

    /** "the value form", for messages. */
    public String description() {
        return "the " + label + " form";
    }

    /** The types env.get may have in this form. */
    public List<FunctionType> gets() {
        return gets;
    }

    public FunctionType callback() {
        return callback;
    }

    /** The types the entry point (call) may have. */
    public List<FunctionType> entries() {
        return entries;
    }

    /** Whether payloads are MessagePack in linear memory (every form but the value form). */
    public boolean payloadsInMemory() {
        return this != VALUE;
    }

    /** The form whose env.get has this type. */
    public static Optional<BridgeForm> ofGet(FunctionType get) {
        return Arrays.stream(values()).filter(f -> f.gets.contains(get)).findFirst();
    }

    public static Optional<BridgeForm> byLabel(String label) {
        return Arrays.stream(values()).filter(f -> f.label.equals(label)).findFirst();
    }

    public static List<String> labels() {
        return Arrays.stream(values()).map(BridgeForm::label).toList();
    }

    /** Every accepted env.get type with its form: "(i32, i32) -> () (seed form), ...". */
    public static String acceptedGets() {
        return Arrays.stream(values()).map(f -> signatures(f.gets) + " (" + f.label + " form)")
                .collect(Collectors.joining(", "));
    }

    static String signatures(List<FunctionType> types) {
        return types.stream().map(FunctionType::toString).collect(Collectors.joining(" or "));
    }
}
