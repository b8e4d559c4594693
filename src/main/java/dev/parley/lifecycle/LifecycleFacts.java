package dev.parley.lifecycle;

import dev.parley.modelcall.AccountReport;
import dev.parley.modelcall.ModelLifecycle;
import java.time.LocalDate;
import java.util.Optional;

/**
 * A catalog model's lifecycle as Parley applies it, and where each date came from: the feature
 * matrix's hand-kept dates ({@value #MATRIX}) or the account's report ({@value #ACCOUNT}).
 *
 * <p>How the two combine: the stricter wins, date by date. The legacy date is the earlier of the two
 * (a model the account reports {@code LEGACY} is legacy even when the matrix has no date), and so is
 * the end of life. The account speaks for its Region while the matrix may hold one date per
 * geography (a {@code us.} profile's end of life can come before the Region's), so a later date
 * from the account does not move the matrix's: a postponed end of life is a matrix edit.
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
        Optional<LocalDate> accountLegacy = report.get().legacySince();
        Optional<LocalDate> accountEol = Optional.ofNullable(report.get().eolDate());
        Optional<LocalDate> legacy = earlier(matrix.legacyDate(), accountLegacy);
        Optional<String> legacySource = source(matrix.legacyDate(), legacy);
        Optional<LocalDate> eol = earlier(matrix.eolDate(), accountEol);
        Optional<String> eolSource = source(matrix.eolDate(), eol);
        if (legacy.isEmpty() && eol.isPresent()) {
            // An end of life announced for a model nobody called legacy: legacy from the report's
            // day on.
            legacy =
                    Optional.of(
                            LocalDate.ofInstant(
                                    report.get().checkedAt(), java.time.ZoneOffset.UTC));
            legacySource = Optional.of(ACCOUNT);
        }
        boolean unchanged = legacy.equals(matrix.legacyDate()) && eol.equals(matrix.eolDate());
        ModelLifecycle applied =
                unchanged ? matrix : ModelLifecycle.of(legacy, eol, matrix.replacement());
        return new LifecycleFacts(applied, legacySource, eolSource, report);
    }

    private static Optional<LocalDate> earlier(
            Optional<LocalDate> matrix, Optional<LocalDate> account) {
        if (matrix.isEmpty() || account.isEmpty()) {
            return matrix.isPresent() ? matrix : account;
        }
        return account.get().isBefore(matrix.get()) ? account : matrix;
    }

    /** The matrix when its date is the one applied (a tie included), else the account. */
    private static Optional<String> source(
            Optional<LocalDate> matrix, Optional<LocalDate> applied) {
        return applied.map(
                date -> matrix.isPresent() && matrix.get().equals(date) ? MATRIX : ACCOUNT);
    }
}
