package dev.wasmtck.module;

import org.apiguardian.api.API;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** A function signature. Equal signatures are equal records, so hosts compare them with {@code equals}. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record FunctionType(List<ValueType> params, List<ValueType> results) {
    public FunctionType {
        params = List.copyOf(params);
        results = List.copyOf(results);
    }

    public static FunctionType of(List<ValueType> params, List<ValueType> results) {
        return new FunctionType(params, results);
    }

    /**
     * The type written as {@link #toString} writes it, e.g. {@code (i32, i32) -> i32} or {@code () -> ()}:
     * how ABI tables and tests state signatures.
     *
     * @throws IllegalArgumentException when {@code text} is not of that form
     */
    public static FunctionType parse(String text) {
        int arrow = text.indexOf("->");
        if (arrow < 0) {
            throw new IllegalArgumentException("not a function type (no ->): " + text);
        }
        return new FunctionType(types(text.substring(0, arrow), text), types(text.substring(arrow + 2), text));
    }

    private static List<ValueType> types(String side, String text) {
        String list = side.strip();
        if (list.startsWith("(") && list.endsWith(")")) {
            list = list.substring(1, list.length() - 1).strip();
        }
        List<ValueType> types = new ArrayList<>();
        if (list.isEmpty()) {
            return types;
        }
        for (String name : list.split(",")) {
            try {
                types.add(ValueType.valueOf(name.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown value type '" + name.strip() + "' in " + text, e);
            }
        }
        return types;
    }

    /** "(i32, i32) -> i32", "() -> ()", "(i32) -> (i32, i64)". */
    @Override
    public String toString() {
        String in = params.stream().map(ValueType::text).collect(Collectors.joining(", ", "(", ")"));
        String out = results.size() == 1 ? results.get(0).text()
                : results.stream().map(ValueType::text).collect(Collectors.joining(", ", "(", ")"));
        return in + " -> " + out;
    }
}
