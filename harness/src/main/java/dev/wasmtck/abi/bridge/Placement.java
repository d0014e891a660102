package dev.wasmtck.abi.bridge;

import org.apiguardian.api.API;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Where the host puts the payloads it hands to the guest. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum Placement {
    /** Ask the guest: call its exported {@code malloc(i32) -> i32} for every payload. The default. */
    ALLOCATOR("allocator"),
    /**
     * The seed's placement, kept for compatibility: the input at offset 1, each answer right after
     * the bytes of the {@code get} it answers. Bounds-checked against memory and the module's data.
     */
    FIXED_OFFSET("fixed-offset"),
    /**
     * The guest's allocator when it exports {@code malloc}, else the seed's placement: what guest
     * conformance's profile uses, so a guest built as the seed builds it (no allocator) is judged too.
     */
    AUTO("auto");

    private final String label;

    Placement(String label) {
        this.label = label;
    }

    /** The spelling in case files. */
    public String label() {
        return label;
    }

    public static Optional<Placement> byLabel(String label) {
        return Arrays.stream(values()).filter(p -> p.label.equals(label)).findFirst();
    }

    public static List<String> labels() {
        return Arrays.stream(values()).map(Placement::label).toList();
    }
}
