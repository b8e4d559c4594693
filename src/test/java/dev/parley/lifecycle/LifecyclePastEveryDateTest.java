package dev.parley.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.bedrock.FeatureMatrix;
import dev.parley.modelcall.ModelFeatures;
import dev.parley.testing.Emulator;
import dev.parley.testing.Lambda;
import dev.parley.testing.Lambda.ProxyResult;
import dev.parley.testing.MovableClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle with both clocks (Parley's and the Bedrock emulator's) set past every date in the
 * feature matrix: the day the suite would otherwise break on. Every model with an end of life is
 * refused by Parley before Bedrock is called; every other model still answers, so the emulator's
 * clock moved with Parley's and neither side refuses what the other allows.
 */
@QuarkusTest
class LifecyclePastEveryDateTest {

    @Inject MovableClock clock;

    /** The day after the last legacy or end-of-life date of any model. */
    static Instant pastEveryDate() {
        LocalDate last =
                FeatureMatrix.load().all().stream()
                        .flatMap(
                                row ->
                                        Stream.concat(
                                                row.lifecycle().legacyDate().stream(),
                                                row.lifecycle().eolDates().values().stream()))
                        .max(LocalDate::compareTo)
                        .orElseThrow();
        return last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    @BeforeEach
    void moveBothClocks() {
        Emulator.control().reset();
        clock.set(pastEveryDate());
    }

    @AfterEach
    void resetClocks() {
        clock.reset();
    }

    @Test
    void everyModelIsRetiredOrAnswersWithBothClocksPastEveryDate() {
        int retired = 0;
        int answered = 0;
        for (JsonNode model : Lambda.get("/v1/models").body().path("models")) {
            String alias = model.path("id").asText();
            if (!model.path("capabilities").path("converse").asBoolean(true)) {
                continue;
            }
            Emulator.control().reset();
            clock.set(pastEveryDate());
            ProxyResult result =
                    Lambda.post(
                            "/openai/v1/chat/completions",
                            Map.of(
                                    "model",
                                    alias,
                                    "messages",
                                    List.of(Map.of("role", "user", "content", "Hi"))));
            if (model.has("eolDate")) {
                assertEquals("retired", model.path("lifecycle").asText(), alias);
                assertEquals(410, result.status(), alias + ": " + result);
                assertTrue(
                        Emulator.control().calls().isEmpty(),
                        alias + " was refused before Bedrock");
                retired++;
            } else {
                assertEquals(200, result.status(), alias + ": " + result);
                assertEquals(1, Emulator.control().calls().size(), alias);
                answered++;
            }
        }
        assertTrue(retired > 0 && answered > 0, "retired " + retired + ", answered " + answered);
    }

    @Test
    void theEmulatorsClockMovedWithParleys() {
        // Asked directly, the emulator lists no model past its end of life at the moved date.
        ModelFeatures sonnet45 =
                FeatureMatrix.load()
                        .find("anthropic.claude-sonnet-4-5-20250929-v1:0")
                        .orElseThrow();
        assertTrue(sonnet45.lifecycle().eolDate("global").isPresent());
        List<String> listed = Emulator.control().foundationModelIds();
        assertFalse(listed.contains(sonnet45.id()), listed.toString());
        assertTrue(listed.contains("amazon.nova-micro-v1:0"), listed.toString());
    }

    /**
     * {@code ./mvnw verify} runs the lifecycle tests again with both clocks starting at the pom's
     * {@code parley.past-every-date} (the clocks-past-every-date execution): that instant must be
     * past every date in the catalog, or the run would not be the day the suite breaks on. Adding
     * a model retiring after it fails here, naming the date to move it past.
     */
    @Test
    void thePastEveryDateRunStartsPastEveryDate() throws java.io.IOException {
        String pom = java.nio.file.Files.readString(java.nio.file.Path.of("pom.xml"));
        java.util.regex.Matcher configured =
                java.util.regex.Pattern.compile(
                                "<parley.past-every-date>([^<]+)</parley.past-every-date>")
                        .matcher(pom);
        assertTrue(configured.find(), "pom.xml sets parley.past-every-date");
        Instant runStart = Instant.parse(configured.group(1).trim());
        assertFalse(
                runStart.isBefore(pastEveryDate()),
                "parley.past-every-date ("
                        + runStart
                        + ") must be on or after "
                        + pastEveryDate()
                        + ", the day after the catalog's last date");
        String now = System.getProperty(MovableClock.NOW_PROPERTY, "").trim();
        if (!now.isEmpty()) {
            // In that run, both clocks start at the property: Parley's and the emulator's (whose
            // listing leaves out every model past its end of life).
            clock.reset();
            assertFalse(
                    clock.instant().isBefore(Instant.parse(now)),
                    "Parley's clock starts at " + now);
            List<String> listed = Emulator.control().foundationModelIds();
            FeatureMatrix.load().all().stream()
                    .filter(row -> !row.lifecycle().eolDates().isEmpty())
                    .forEach(
                            row ->
                                    assertFalse(
                                            listed.contains(row.id()),
                                            row.id() + " listed at " + now));
        }
    }
}
