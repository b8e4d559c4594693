package dev.parley.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.parley.modelcall.AccountReport;
import dev.parley.modelcall.ModelLifecycle;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * How the matrix's dates and the account's report combine: the later forecast wins, a state the
 * account reports as in effect applies now, each date with its source.
 */
class LifecycleFactsTest {
    private static final Instant CHECKED = Instant.parse("2026-12-05T06:00:00Z");
    private static final ModelLifecycle MATRIX =
            ModelLifecycle.of(
                    Optional.of(LocalDate.parse("2026-10-08")),
                    Optional.of(LocalDate.parse("2027-04-08")),
                    Optional.of("claude-sonnet-4-6"));

    private static Optional<AccountReport> report(String status, String legacy, String eol) {
        return Optional.of(
                new AccountReport(
                        "m",
                        status,
                        legacy == null ? null : LocalDate.parse(legacy),
                        eol == null ? null : LocalDate.parse(eol),
                        true,
                        List.of(),
                        CHECKED));
    }

    @Test
    void noReportKeepsTheMatrixAndSaysSo() {
        LifecycleFacts facts = LifecycleFacts.merge(MATRIX, Optional.empty());
        assertSame(MATRIX, facts.lifecycle());
        assertEquals(Optional.of("matrix"), facts.legacySource());
        assertEquals(Optional.of("matrix"), facts.eolSource());
    }

    @Test
    void anAgreeingReportKeepsTheMatrixsLifecycle() {
        LifecycleFacts facts =
                LifecycleFacts.merge(MATRIX, report("LEGACY", "2026-10-08", "2027-04-08"));
        assertSame(MATRIX, facts.lifecycle(), "the precomputed headers are reused");
        assertEquals(Optional.of("matrix"), facts.eolSource());
    }

    @Test
    void aLaterEndOfLifeFromTheAccountPostponesTheMatrixsAndTheReplacementStays() {
        LifecycleFacts facts =
                LifecycleFacts.merge(MATRIX, report("LEGACY", "2026-10-08", "2027-09-01"));
        assertEquals(Optional.of(LocalDate.parse("2027-09-01")), facts.lifecycle().eolDate());
        assertEquals(Optional.of("account"), facts.eolSource());
        assertEquals(Optional.of("matrix"), facts.legacySource());
        assertEquals(Optional.of("claude-sonnet-4-6"), facts.lifecycle().replacement());
        assertEquals(
                "Wed, 01 Sep 2027 00:00:00 GMT",
                facts.lifecycle().headers(ModelLifecycle.V1_MODELS_PATH).get("Sunset"));
    }

    @Test
    void anEarlierEndOfLifeForecastByTheAccountDoesNotRetireTheModelEarly() {
        LifecycleFacts facts =
                LifecycleFacts.merge(MATRIX, report("LEGACY", "2026-10-08", "2027-01-15"));
        assertEquals(Optional.of(LocalDate.parse("2027-04-08")), facts.lifecycle().eolDate());
        assertEquals(Optional.of("matrix"), facts.eolSource());
    }

    @Test
    void anEndOfLifeTheAccountReportsAsPastRetiresTheModelNow() {
        LifecycleFacts facts =
                LifecycleFacts.merge(MATRIX, report("LEGACY", "2026-10-08", "2026-12-01"));
        assertEquals(Optional.of(LocalDate.parse("2026-12-01")), facts.lifecycle().eolDate());
        assertEquals(Optional.of("account"), facts.eolSource());
        assertEquals(ModelLifecycle.State.RETIRED, facts.lifecycle().state(CHECKED.toEpochMilli()));
    }

    @Test
    void legacyReportedNowAppliesBeforeTheMatrixsLaterLegacyDate() {
        ModelLifecycle matrix =
                ModelLifecycle.of(
                        Optional.of(LocalDate.parse("2027-01-01")),
                        Optional.of(LocalDate.parse("2027-07-01")),
                        Optional.empty());
        LifecycleFacts facts = LifecycleFacts.merge(matrix, report("LEGACY", "2026-11-20", null));
        assertEquals(Optional.of(LocalDate.parse("2026-11-20")), facts.lifecycle().legacyDate());
        assertEquals(Optional.of("account"), facts.legacySource());
        assertEquals(ModelLifecycle.State.LEGACY, facts.lifecycle().state(CHECKED.toEpochMilli()));
        assertEquals(Optional.of(LocalDate.parse("2027-07-01")), facts.lifecycle().eolDate());
        assertEquals(Optional.of("matrix"), facts.eolSource());
    }

    @Test
    void aLaterLegacyForecastFromTheAccountPostponesTheMatrixs() {
        ModelLifecycle matrix =
                ModelLifecycle.of(
                        Optional.of(LocalDate.parse("2027-01-01")),
                        Optional.of(LocalDate.parse("2027-07-01")),
                        Optional.empty());
        LifecycleFacts facts =
                LifecycleFacts.merge(matrix, report("ACTIVE", "2027-02-01", "2027-08-01"));
        assertEquals(Optional.of(LocalDate.parse("2027-02-01")), facts.lifecycle().legacyDate());
        assertEquals(Optional.of("account"), facts.legacySource());
        assertEquals(Optional.of(LocalDate.parse("2027-08-01")), facts.lifecycle().eolDate());
        assertEquals(ModelLifecycle.State.ACTIVE, facts.lifecycle().state(CHECKED.toEpochMilli()));
    }

    @Test
    void legacyWithoutALegacyTimeCountsFromTheDayOfTheReport() {
        LifecycleFacts facts =
                LifecycleFacts.merge(ModelLifecycle.ACTIVE, report("LEGACY", null, null));
        assertEquals(Optional.of(LocalDate.parse("2026-12-05")), facts.lifecycle().legacyDate());
        assertEquals(Optional.of("account"), facts.legacySource());
        assertEquals(ModelLifecycle.State.LEGACY, facts.lifecycle().state(CHECKED.toEpochMilli()));
    }

    @Test
    void anEndOfLifeAnnouncedForAnActiveModelMakesItLegacyFromTheReport() {
        LifecycleFacts facts =
                LifecycleFacts.merge(ModelLifecycle.ACTIVE, report("ACTIVE", null, "2027-03-01"));
        assertEquals(Optional.of(LocalDate.parse("2026-12-05")), facts.lifecycle().legacyDate());
        assertEquals(Optional.of(LocalDate.parse("2027-03-01")), facts.lifecycle().eolDate());
    }

    @Test
    void anActiveReportForAnActiveModelChangesNothing() {
        LifecycleFacts facts =
                LifecycleFacts.merge(ModelLifecycle.ACTIVE, report("ACTIVE", null, null));
        assertSame(ModelLifecycle.ACTIVE, facts.lifecycle());
        assertEquals(Optional.empty(), facts.legacySource());
        assertEquals(Optional.empty(), facts.eolSource());
    }
}
