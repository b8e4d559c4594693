package dev.parley.architecture;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.parley.modelcall.ModelCall;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the code against {@link Layering#RULES}, and shows the same rule failing when one class
 * imports upward: {@code bedrock/UpwardImportArchitectureFixture} (test sources) uses the chat feature.
 */
class LayeringTest {
    private static final ImportOption MAIN_CLASSES = new ImportOption.DoNotIncludeTests();
    private static final String FIXTURE = "UpwardImportArchitectureFixture";

    @BeforeAll
    static void onlyParleysOwnClasses() {
        // The rules are about dependencies between Parley's packages: reading every library on the
        // class path to resolve the other end of each dependency would only cost a minute.
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
    }

    /** The main classes' folder (target/classes): reading it alone is much faster than scanning the class path. */
    private static Path mainClasses() throws URISyntaxException {
        return Path.of(ModelCall.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void theCodeFollowsTheLayering() throws URISyntaxException {
        JavaClasses main =
                new ClassFileImporter().withImportOption(MAIN_CLASSES).importPath(mainClasses());
        // Guards against checking an empty set (a wrong package or import option would pass
        // vacuously).
        assertTrue(main.size() > 300, "imported only " + main.size() + " classes");
        assertTrue(
                main.stream().noneMatch(c -> c.getSimpleName().equals(FIXTURE)),
                "the fixture is a test class");
        Layering.RULES.check(main);
    }

    @Test
    void anUpwardImportBreaksTheLayering() throws URISyntaxException {
        Path fixture =
                Path.of(
                                LayeringTest.class
                                        .getProtectionDomain()
                                        .getCodeSource()
                                        .getLocation()
                                        .toURI())
                        .resolve("dev/parley/bedrock/" + FIXTURE + ".class");
        JavaClasses withFixture = new ClassFileImporter().importPaths(mainClasses(), fixture);
        assertTrue(withFixture.contain("dev.parley.bedrock." + FIXTURE));
        EvaluationResult result = Layering.RULES.evaluate(withFixture);
        assertTrue(result.hasViolation());
        String report = result.getFailureReport().toString();
        // The adapters' rule names the class and the feature class it reached for ...
        assertTrue(report.contains("the adapters [bedrock, store, table] use only"), report);
        assertTrue(
                report.contains(
                        "<dev.parley.bedrock."
                                + FIXTURE
                                + ".upward()> references class object "
                                + "<dev.parley.chat.ChatService>"),
                report);
        // ... and chat already uses bedrock, so the same import also closes a cycle.
        assertTrue(
                Pattern.compile("Cycle detected: bedrock ->\\s+chat ->\\s+bedrock")
                        .matcher(report)
                        .find(),
                report);
    }
}
