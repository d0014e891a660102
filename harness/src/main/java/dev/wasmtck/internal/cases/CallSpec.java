package dev.wasmtck.internal.cases;

import dev.wasmtck.internal.yaml.SourceRef;

/**
 * One call a case makes and what it must show: the case's own, or one entry of {@code concurrent.calls}.
 *
 * @param function the export, operation or JS function called
 * @param input the payload bytes handed to the guest
 * @param where where the call is written (the case, or its entry in {@code concurrent.calls})
 */
public record CallSpec(String function, byte[] input, Expectation expect, SourceRef where) {}
