package dev.wasmtck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/configuration.md lists exactly the keys of {@link Constants}, so neither can drift from the other. */
class ConfigurationDocTest {
    private static final Path DOC = Path.of("..", "docs", "configuration.md");
    /** The first cell of a table row: {@code | `key` |}. */
    private static final Pattern ROW_KEY = Pattern.compile("(?m)^\\| `(wasm\\.[^`]+)` \\|");

    /** Every key constant, as the page writes it: a prefix key ends in {@code *}. */
    static Set<String> constants() throws IllegalAccessException {
        Set<String> keys = new TreeSet<>();
        for (Field f : Constants.class.getDeclaredFields()) {
            if (Modifier.isPublic(f.getModifiers()) && Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                String key = (String) f.get(null);
                keys.add(key.endsWith(".") ? key + "*" : key);
            }
        }
        return keys;
    }

    static Set<String> documented(String page) {
        Set<String> keys = new TreeSet<>();
        Matcher m = ROW_KEY.matcher(page);
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }

    @Test
    void thePageListsEveryConstantAndNothingElse() throws IOException, IllegalAccessException {
        Set<String> documented = documented(Files.readString(DOC));
        assertThat(documented).as("keys in " + DOC).isEqualTo(constants());
    }

    @Test
    void aKeyMissingFromThePageIsNoticed() throws IllegalAccessException {
        // The comparison must see a difference of one key either way.
        String page = String.join("\n", constants().stream().map(k -> "| `" + k + "` | x | y |").toList());
        assertThat(documented(page)).isEqualTo(constants());
        assertThat(documented(page.replace("| `" + Constants.HOSTS + "` |", "| hosts |"))).isNotEqualTo(constants());
    }
}
