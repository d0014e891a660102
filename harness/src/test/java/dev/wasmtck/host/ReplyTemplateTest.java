package dev.wasmtck.host;

import dev.wasmtck.internal.host.ReplyTemplate;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wasmtck.internal.yaml.CaseFormatException;
import dev.wasmtck.internal.yaml.YamlFiles;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ReplyTemplateTest {
    private static final List<String> FIELDS = List.of("payload", "operation");

    private static ReplyTemplate parse(String template) {
        return ReplyTemplate.parse(YamlFiles.compose("x: 1\nt: '" + template + "'\n", "h.yaml").get(0)
                .asMap("t").require("t"), FIELDS);
    }

    private static String apply(String template, String payload) {
        return new String(parse(template).apply(Map.of("payload", payload.getBytes(StandardCharsets.UTF_8),
                "operation", "greet".getBytes(StandardCharsets.UTF_8))), StandardCharsets.UTF_8);
    }

    @Test
    void fillsFieldsAndFilters() {
        assertEquals("Hello world!", apply("Hello {payload}!", "world"));
        assertEquals("GRÜN grün greet", apply("{payload|upper} {payload|lower} {operation}", "GrüN"));
        assertEquals("{payload} }", apply("{{payload}} }}", "x"));
        assertEquals("", apply("", "x"));
    }

    @Test
    void plainFieldsPassBytesFilteredOnesNeedText() {
        byte[] binary = {0, (byte) 0xff};
        assertArrayEquals(new byte[] {'<', 0, (byte) 0xff, '>'}, parse("<{payload}>").apply(Map.of("payload", binary)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> parse("{payload|lower}").apply(Map.of("payload", binary)));
        assertEquals("template \"{payload|lower}\" changes the case of {payload}, which is not UTF-8 text (2 bytes)",
                e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '#', value = {
        "{body}           # h.yaml:2: template field {body} is unknown; fields here are [payload, operation]",
        "{payload|title}  # h.yaml:2: template field {payload|title} has an unknown filter; write {payload}",
        "a {payload       # h.yaml:2: template has a '{' at position 2 that is never closed; write {{ for a brace",
        "a } b            # h.yaml:2: template has a '}' at position 2 that closes nothing; write }} for a brace",
    })
    void badTemplatesNameTheLine(String template, String message) {
        CaseFormatException e = assertThrows(CaseFormatException.class, () -> parse(template.strip()));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }
}
