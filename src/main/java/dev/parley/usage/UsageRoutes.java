package dev.parley.usage;

import dev.parley.error.ErrorCode;
import dev.parley.error.ParleyException;
import dev.parley.http.HttpRequest;
import dev.parley.http.HttpResponse;
import dev.parley.http.Route;
import dev.parley.http.RouteSet;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code GET /v1/usage?from=YYYY-MM-DD&to=YYYY-MM-DD}: the caller's own counters by day and model
 * (UTC days), with the estimated cost; {@code by=key} breaks them down by API key as well. Only an
 * admin may name another owner ({@code owner=}); everyone else reads their own.
 */
@ApplicationScoped
public class UsageRoutes implements RouteSet {
    private final UsageLedger ledger;
    private final PriceTable prices;
    private final UsageSettings settings;
    private final Clock clock;

    UsageRoutes(UsageLedger ledger, PriceTable prices, UsageSettings settings, Clock clock) {
        this.ledger = ledger;
        this.prices = prices;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.get("/v1/usage", this::usage));
    }

    private HttpResponse usage(HttpRequest request) {
        LocalDate today = LocalDate.now(clock);
        LocalDate to = date(request, "to").orElse(today);
        LocalDate from = date(request, "from").orElse(to);
        if (from.isAfter(to)) {
            throw ParleyException.validation("from (" + from + ") must not be after to (" + to + ")");
        }
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        if (days > settings.maxQueryDays()) {
            throw ParleyException.validation("from..to spans " + days + " days; at most " + settings.maxQueryDays()
                    + " can be asked for at once");
        }
        boolean byKey = breakdown(request);
        String owner = owner(request);
        List<LedgerEntry> entries = ledger.days(owner, from, to);
        List<UsageViews.Row> rows = rows(entries, byKey);
        UsageTotals total = entries.stream().map(LedgerEntry::totals).reduce(UsageTotals.ZERO, UsageTotals::plus);
        BigDecimal cost = entries.stream().map(e -> prices.cost(e.model(), e.totals()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        TreeSet<String> unpriced = new TreeSet<>();
        entries.stream().map(LedgerEntry::model).filter(m -> !prices.isPriced(m)).forEach(unpriced::add);
        return HttpResponse.ok(new UsageViews.Report(owner, from.toString(), to.toString(), rows,
                row(null, null, total, cost), List.copyOf(unpriced)));
    }

    /** One row per day and model, or per day, model and API key ({@code by=key}; calls without a key: key null). */
    private List<UsageViews.Row> rows(List<LedgerEntry> entries, boolean byKey) {
        Map<List<String>, UsageTotals> grouped = new LinkedHashMap<>();
        for (LedgerEntry e : entries) {
            List<String> group = Arrays.asList(e.period(), e.model(), byKey ? e.keyId().orElse(null) : null);
            grouped.merge(group, e.totals(), UsageTotals::plus);
        }
        List<UsageViews.Row> rows = new ArrayList<>();
        grouped.forEach((group, totals) -> rows.add(row(group.get(0), group.get(1), group.get(2), totals,
                prices.cost(group.get(1), totals))));
        return rows;
    }

    /** {@code by=model} (the default) or {@code by=key}. */
    private static boolean breakdown(HttpRequest request) {
        String by = request.queryParam("by").orElse("model");
        return switch (by) {
            case "model" -> false;
            case "key" -> true;
            default -> throw ParleyException.validation("by must be 'model' or 'key', got '" + by + "'");
        };
    }

    /** The caller's own usage; an admin may name another owner ({@code ?owner=}). */
    private static String owner(HttpRequest request) {
        return request.queryParam("owner").map(owner -> {
            if (!request.identity().admin()) {
                throw new ParleyException(ErrorCode.FORBIDDEN, "only an admin may read another owner's usage (owner)");
            }
            if (owner.isBlank() || owner.length() > 1024 || owner.chars().anyMatch(Character::isISOControl)) {
                throw ParleyException.validation("owner must be a caller id");
            }
            return owner;
        }).orElse(request.caller());
    }

    private static UsageViews.Row row(String date, String model, UsageTotals t, BigDecimal cost) {
        return row(date, model, null, t, cost);
    }

    private static UsageViews.Row row(String date, String model, String key, UsageTotals t, BigDecimal cost) {
        return new UsageViews.Row(date, model, key, t.calls(), t.inputTokens(), t.outputTokens(), t.cacheReadTokens(),
                t.cacheWriteTokens(), t.tokens(), cost.setScale(6, RoundingMode.HALF_UP));
    }

    private static java.util.Optional<LocalDate> date(HttpRequest request, String name) {
        return request.queryParam(name).map(value -> {
            try {
                // ISO_LOCAL_DATE: exactly YYYY-MM-DD, and a real day (2026-02-30 is refused).
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                throw ParleyException.validation(name + " must be a date as YYYY-MM-DD, got '" + value + "'");
            }
        });
    }
}
