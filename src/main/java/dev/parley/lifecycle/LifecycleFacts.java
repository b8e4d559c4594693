package dev.parley.lifecycle;

import dev.parley.modelcall.AccountReport;
import dev.parley.modelcall.ModelLifecycle;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * A catalog model's lifecycle as Parley applies it, and where each date came from: the feature
 * matrix's hand-kept dates ({@value #MATRIX}) or the account's report ({@value #ACCOUNT}).
 *
 * <p>How the two combine, date by date: the later of the two forecasts, so a date AWS postponed
 * never makes Parley warn or refuse early (AWS's lifecycle policy lets it announce, and move, the
 * dates; the account knows the move before a release of Parley does). But a state the account
 * reports as already in effect applies whatever the matrix forecasts, since it is a present fact:
 * {@code LEGACY} now (or a legacy date on or before the day of the report) makes the model legacy
 * from the account's date, and an end of life on or before the day of the report retires it. An
 * end of life announced for a model nobody called legacy makes it legacy from the report's day.
 */
public record LifecycleFacts(
        ModelLifecycle lifecycle,
        Optional<String> legacySource,
        Optional<String> eolSource,
        Optional<AccountReport> account) {

    public static final String MATRIX = "matrix";
    public static final String ACCOUNT = "account";

    /** The hand-kept lifecycle alone (no report yet). */
    public static LifecycleFacts handKept(ModelLifecycle matrix) {
        return new LifecycleFacts(
                matrix,
                matrix.legacyDate().map(d -> MATRIX),
                matrix.eolDate().map(d -> MATRIX),
                Optional.empty());
    }

    /** The matrix's dates combined with the account's report (see the class comment). */
    public static LifecycleFacts merge(ModelLifecycle matrix, Optional<AccountReport> report) {
        if (report.isEmpty()) {
            return handKept(matrix);
        }
        LocalDate reportDay = LocalDate.ofInstant(report.get().checkedAt(), ZoneOffset.UTC);
        Optional<LocalDate> accountLegacy = report.get().legacySince();
        Optional<LocalDate> accountEol = Optional.ofNullable(report.get().eolDate());
        boolean legacyNow =
                AccountReport.LEGACY.equals(report.get().status())
                        || accountLegacy.filter(d -> !d.isAfter(reportDay)).isPresent();
        Optional<LocalDate> legacy =
                applied(matrix.legacyDate(), accountLegacy, legacyNow, reportDay);
        Optional<String> legacySource = source(matrix.legacyDate(), legacy);
        boolean eolNow = accountEol.filter(d -> !d.isAfter(reportDay)).isPresent();
        Optional<LocalDate> eol = applied(matrix.eolDate(), accountEol, eolNow, reportDay);
        Optional<String> eolSource = source(matrix.eolDate(), eol);
        if (legacy.isEmpty() && eol.isPresent()) {
            // An end of life announced for a model nobody called legacy: legacy from the report's
            // day on.
            legacy = Optional.of(reportDay);
            legacySource = Optional.of(ACCOUNT);
        }
        boolean unchanged = legacy.equals(matrix.legacyDate()) && eol.equals(matrix.eolDate());
        ModelLifecycle applied =
                unchanged ? matrix : ModelLifecycle.of(legacy, eol, matrix.replacement());
        return new LifecycleFacts(applied, legacySource, eolSource, report);
    }

    /**
     * The later of the two dates; but the account's when it says the state is already in effect
     * ({@code inEffect}) and the later date is still to come.
     */
    private static Optional<LocalDate> applied(
            Optional<LocalDate> matrix,
            Optional<LocalDate> account,
            boolean inEffect,
            LocalDate reportDay) {
        if (matrix.isEmpty() || account.isEmpty()) {
            return matrix.isPresent() ? matrix : account;
        }
        Optional<LocalDate> later = account.get().isAfter(matrix.get()) ? account : matrix;
        return inEffect && later.get().isAfter(reportDay) ? account : later;
    }

    /** The matrix when its date is the one applied (a tie included), else the account. */
    private static Optional<String> source(
            Optional<LocalDate> matrix, Optional<LocalDate> applied) {
        return applied.map(
                date -> matrix.isPresent() && matrix.get().equals(date) ? MATRIX : ACCOUNT);
    }
}
