package dev.wasmtck.internal.msgpack;

import static dev.wasmtck.internal.msgpack.Yaml.node;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmtck.internal.yaml.CaseFormatException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NotationErrorTest {

    /** Every bad value sits on line 3, under two lines of padding, so the line number is checked too. */
    private static String onLine3(String value) {
        return "a: 1\nb: 2\nc: " + value + "\n";
    }

    private static void assertError(String yaml, int line, String... fragments) {
        CaseFormatException e = assertThrows(CaseFormatException.class, () -> Payloads.encode(node(yaml)));
        String msg = e.getMessage();
        assertTrue(msg.startsWith("t.yaml:" + line + ":"), msg);
        for (String f : fragments) {
            assertTrue(msg.contains(f), "'" + f + "' not in: " + msg);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "!foo 1                                 | unknown tag !foo",
        "!!set {a: null}                        | unknown tag !!set",
        "!bin \"de ad b\"                        | !bin expects hex bytes",
        "!bin zz                                | 'z' is not a hex digit",
        "!bin [1]                               | !bin expects hex bytes",
        "!!binary \"not base64!\"                | !!binary expects base64",
        "!float32 1e39                          | overflows float32",
        "!float32 1e-50                         | underflows",
        "!float64 abc                           | !float64 expects a number",
        "!int 1.5                               | !int expects an integer",
        "!uint64 -1                             | !uint64 value -1 is out of range",
        "!uint64 18446744073709551616           | out of range",
        "18446744073709551616                   | out of range",
        "-9223372036854775809                   | out of range",
        "!ext {type: 128, data: \"\"}            | !ext type 128 is out of range",
        "!ext {type: -129}                      | -128..127",
        "!ext {type: 1, data: \"x\"}             | !ext data expects hex bytes",
        "!ext {type: 1, stuff: 1}               | unknown key 'stuff'",
        "!ext {data: \"01\"}                     | needs the key 'type'",
        "!ext 5                                 | !ext expects a mapping",
        "!timestamp yesterday                   | !timestamp expects an ISO-8601 instant",
        "!str [1]                               | !str expects a string",
        "!ordered [1]                           | !ordered expects a mapping",
        "!raw \"00\"                             | !raw describes a whole payload",
        "!text hi                               | !text describes a whole payload",
        "!any                                   | can only be used in an expected payload",
        "!regex x                               | can only be used in an expected payload",
        "!one-of [1, 2]                         | can only be used in an expected payload",
        "!not 1                                 | can only be used in an expected payload",
        "{k: !absent \"\"}                        | can only be used in an expected payload",
    })
    void badValuesNameTheTagAndLine(String value, String fragment) {
        assertError(onLine3(value), 3, fragment);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "!regex \"(\"                            | !regex has an invalid pattern",
        "!type integer                          | !type expects one of int|float",
        "!range {}                              | !range needs min, max or both",
        "!range {min: 5, max: 1}                | min 5 is greater than max 1",
        "!range {min: a}                        | !range bounds must be numbers",
        "!range {min: 1, step: 2}               | unknown key 'step'",
        "!range 3                               | !range expects a mapping",
        "!any x                                 | !any takes no value",
        "{!any : 1}                             | cannot be a map key",
        "{!not 1 : 1}                           | cannot be a map key",
        "!one-of str                            | !one-of expects a list like",
        "!one-of []                             | !one-of needs at least one item",
        "!none-of {a: 1}                        | !none-of expects a list",
        "!any-order []                          | !any-order needs at least one item",
        "!contains 5                            | !contains expects a list",
        "[!absent \"\"]                          | only allowed as the value of a map key",
        "{k: [!absent \"\"]}                     | only allowed as the value of a map key",
        "{k: !not [!absent \"\"]}                | only allowed as the value of a map key",
        "{k: !absent x}                         | !absent takes no value",
        "{k: !one-of [!type strr]}              | !type expects one of",
    })
    void badMatchers(String value, String fragment) {
        String yaml = onLine3(value);
        CaseFormatException e = assertThrows(CaseFormatException.class, () -> Payloads.expectation(node(yaml)));
        assertTrue(e.getMessage().startsWith("t.yaml:3:"), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "!raw \"0g\"        | !raw expects hex bytes",
        "!raw [1]         | !raw expects hex bytes",
        "!text [1]        | !text expects a string",
    })
    void badWholePayloads(String value, String fragment) {
        assertError("\n" + value, 2, fragment);
        CaseFormatException e = assertThrows(CaseFormatException.class, () -> Payloads.expectation(node("\n" + value)));
        assertTrue(e.getMessage().startsWith("t.yaml:2:"), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void duplicateKeysAfterResolutionPointAtTheSecondKey() {
        assertError("{\n 1: a,\n 0x1: b\n}", 3, "duplicate map key 1", "first at line 2");
    }

    @org.junit.jupiter.api.Test
    void deeplyNestedErrorPointsAtTheInnerNode() {
        assertError("items:\n  - ok\n  - nested:\n      - !bin \"x\"\n", 4, "!bin");
    }
}
