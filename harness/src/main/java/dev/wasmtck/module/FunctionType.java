package dev.wasmtck.module;

import java.util.List;
import java.util.stream.Collectors;

/** A function signature. Equal signatures are equal records, so hosts compare them with {@code equals}. */
public record FunctionType(List<ValueType> params, List<ValueType> results) {
    public FunctionType {
        params = List.copyOf(params);
        results = List.copyOf(results);
    }

    public static FunctionType of(List<ValueType> params, List<ValueType> results) {
        return new FunctionType(params, results);
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
