package dev.wasmtck;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;

/**
 * The harness's shape, checked rather than hoped for: no package depends on itself through
 * others, and what is public outside {@code internal} packages is exactly the API listed in
 * docs/public-api.md, each type marked {@link API} in a {@link NullMarked} package.
 */
class ArchitectureTest {
    private static final Path DOC = Path.of("..", "docs", "public-api.md");
    /** A list line of the doc: "- `dev.wasmtck.host.Host`: ...". */
    private static final Pattern LISTED = Pattern.compile("^- `(dev\\.wasmtck\\.[A-Za-z0-9_.]+)`", Pattern.MULTILINE);

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.wasmtck");

    @Test
    void packagesFormNoCycle() {
        slices().matching("dev.wasmtck.(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void thePublicSurfaceIsTheDocumentedApi() throws IOException {
        assertThat(publicOutsideInternal())
                .as("public types outside internal packages (make a new one package-private, move it to an"
                        + " internal package, or list it in %s)", DOC)
                .containsExactlyInAnyOrderElementsOf(documented());
    }

    @Test
    void everyApiTypeSaysSoAndItsPackageIsNullMarked() throws IOException {
        for (String name : documented()) {
            JavaClass type = MAIN.get(name);
            assertThat(type.isAnnotatedWith(API.class)).as("%s carries @API", name).isTrue();
            assertThat(type.getAnnotationOfType(API.class).status()).as("%s's @API status", name)
                    .isNotEqualTo(API.Status.INTERNAL);
            assertThat(type.getPackage().isAnnotatedWith(NullMarked.class))
                    .as("package %s is @NullMarked (package-info.java)", type.getPackageName()).isTrue();
        }
    }

    @Test
    void theCheckSeesATypeThatBecomesPublic() {
        // The rule above must be able to fail: an internal type is found, and so would be any other.
        assertThat(publicOutsideInternal()).isNotEmpty();
        assertThat(MAIN.stream().filter(c -> c.getPackageName().contains(".internal."))
                .anyMatch(c -> c.getModifiers().contains(JavaModifier.PUBLIC))).isTrue();
    }

    private static Set<String> publicOutsideInternal() {
        Set<String> names = new TreeSet<>();
        for (JavaClass c : MAIN) {
            boolean internal = (c.getPackageName() + ".").contains(".internal.");
            if (!internal && c.isTopLevelClass() && c.getModifiers().contains(JavaModifier.PUBLIC)
                    && !c.getSimpleName().equals("package-info")) {
                names.add(c.getName());
            }
        }
        return names;
    }

    private static Set<String> documented() throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher m = LISTED.matcher(Files.readString(DOC));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
