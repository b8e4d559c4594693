package dev.parley.modelcall;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One catalog refresh: when it ran and its report per catalog model id (as the catalog names it). */
@RegisterForReflection
public record AccountReports(Instant checkedAt, Map<String, AccountReport> byModelId) {

    public static final AccountReports NONE = new AccountReports(Instant.EPOCH, Map.of());

    public AccountReports {
        byModelId = Map.copyOf(byModelId);
    }

    public Optional<AccountReport> of(String catalogModelId) {
        return Optional.ofNullable(byModelId.get(catalogModelId));
    }

    /**
     * This report, with the end of life an earlier report announced kept for each model the Region
     * has stopped listing since: ListFoundationModels leaves a model out once it is past its end of
     * life, so a model announced for retirement and no longer listed is retired, on the announced
     * day or, if it went sooner, on the day of this report (a present fact, not a forecast).
     * Without this the model would fall back to the matrix's dates: active, for a model with none.
     */
    public AccountReports keepingEndsOfLife(AccountReports earlier) {
        Map<String, AccountReport> kept = new LinkedHashMap<>(byModelId);
        LocalDate today = LocalDate.ofInstant(checkedAt, ZoneOffset.UTC);
        byModelId.forEach(
                (id, report) -> {
                    AccountReport before = earlier.byModelId().get(id);
                    if (report.status() == null && before != null && before.eolDate() != null) {
                        LocalDate eol = before.eolDate().isAfter(today) ? today : before.eolDate();
                        List<String> problems = new ArrayList<>(report.problems());
                        problems.add(
                                "past its end of life ("
                                        + before.eolDate()
                                        + " announced on "
                                        + LocalDate.ofInstant(before.checkedAt(), ZoneOffset.UTC)
                                        + ", no longer listed)");
                        kept.put(
                                id,
                                new AccountReport(
                                        id,
                                        before.status(),
                                        before.legacyDate(),
                                        eol,
                                        false,
                                        problems,
                                        report.checkedAt()));
                    }
                });
        return new AccountReports(checkedAt, kept);
    }
}
