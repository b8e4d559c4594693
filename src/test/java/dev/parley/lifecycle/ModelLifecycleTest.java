package dev.parley.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.bedrock.FeatureMatrix;
import dev.parley.modelcall.ModelFeatures;
import dev.parley.modelcall.ModelLifecycle;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The lifecycle's arithmetic and header formats, and the matrix's dates as they read. */
class ModelLifecycleTest {

    private static long at(String date) {
        return LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    @Test
    void stateFollowsTheClockFromMidnightUtcOfEachDate() {
        ModelLifecycle life =
                ModelLifecycle.of(
                        Optional.of(LocalDate.parse("2026-10-08")),
                        Optional.of(LocalDate.parse("2027-04-08")),
                        Optional.of("claude-sonnet-4-6"));
        assertEquals(ModelLifecycle.State.ACTIVE, life.state(at("2026-10-08") - 1));
        assertEquals(ModelLifecycle.State.LEGACY, life.state(at("2026-10-08")));
        assertEquals(ModelLifecycle.State.LEGACY, life.state(at("2027-04-08") - 1));
        assertEquals(ModelLifecycle.State.RETIRED, life.state(at("2027-04-08")));
        assertSame(
                ModelLifecycle.ACTIVE,
                ModelLifecycle.of(Optional.empty(), Optional.empty(), Optional.empty()));
        assertEquals(ModelLifecycle.State.ACTIVE, ModelLifecycle.ACTIVE.state(Long.MAX_VALUE - 1));
    }

    @Test
    void headersAreRfc9745AndRfc8594Values() {
        ModelLifecycle life =
                ModelLifecycle.of(
                        Optional.of(LocalDate.parse("2026-04-14")),
                        Optional.of(LocalDate.parse("2026-03-01")),
                        Optional.of("claude-sonnet-4-6"));
        // RFC 9745: a structured-field Date, "@" and the epoch seconds.
        assertEquals(
                "@" + at("2026-04-14") / 1000,
                life.headers(ModelLifecycle.V1_MODELS_PATH).get("Deprecation"));
        // RFC 8594: an IMF-fixdate (two-digit day, GMT).
        assertEquals(
                "Sun, 01 Mar 2026 00:00:00 GMT",
                life.headers(ModelLifecycle.V1_MODELS_PATH).get("Sunset"));
        assertEquals(
                "</v1/models/claude-sonnet-4-6>; rel=\"successor-version\", <"
                        + ModelLifecycle.POLICY
                        + ">; rel=\"deprecation\"; type=\"text/html\"",
                life.headers(ModelLifecycle.V1_MODELS_PATH).get("Link"));
        assertTrue(
                life.headers("/openai/v1/models/")
                        .get("Link")
                        .startsWith("</openai/v1/models/claude-sonnet-4-6>;"));
    }

    @Test
    void legacyWithoutAnnouncedEndOfLifeHasNoSunset() {
        ModelLifecycle life =
                ModelLifecycle.of(
                        Optional.of(LocalDate.parse("2026-01-01")),
                        Optional.empty(),
                        Optional.empty());
        assertEquals(ModelLifecycle.State.LEGACY, life.state(Long.MAX_VALUE - 1));
        assertEquals(false, life.headers(ModelLifecycle.V1_MODELS_PATH).containsKey("Sunset"));
        assertEquals(
                "<" + ModelLifecycle.POLICY + ">; rel=\"deprecation\"; type=\"text/html\"",
                life.headers(ModelLifecycle.V1_MODELS_PATH).get("Link"));
    }

    @Test
    void theMatrixDatesOfTheIssuesModels() {
        FeatureMatrix matrix = FeatureMatrix.load();
        ModelFeatures.LifecycleDates sonnet4 =
                matrix.find("us.anthropic.claude-sonnet-4-20250514-v1:0").orElseThrow().lifecycle();
        assertEquals(LocalDate.parse("2026-04-14"), sonnet4.legacyDate().orElseThrow());
        assertEquals(LocalDate.parse("2026-10-14"), sonnet4.eolDate("us").orElseThrow());
        assertEquals("anthropic.claude-sonnet-4-6", sonnet4.replacement().orElseThrow());
        ModelFeatures.LifecycleDates sonnet45 =
                matrix.find("anthropic.claude-sonnet-4-5-20250929-v1:0").orElseThrow().lifecycle();
        assertEquals(LocalDate.parse("2026-10-08"), sonnet45.legacyDate().orElseThrow());
        assertEquals(LocalDate.parse("2027-04-08"), sonnet45.eolDate("global").orElseThrow());
        assertTrue(
                matrix.find("amazon.nova-micro-v1:0")
                        .orElseThrow()
                        .lifecycle()
                        .legacyDate()
                        .isEmpty());
        assertEquals("global", FeatureMatrix.geography("global.anthropic.claude-sonnet-4-6"));
        assertEquals("apac", FeatureMatrix.geography("jp.anthropic.claude-sonnet-4-6"));
        assertEquals("default", FeatureMatrix.geography("deepseek.v3.2"));
    }
}
