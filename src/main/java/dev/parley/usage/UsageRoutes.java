package dev.parley.usage;

import dev.parley.error.ErrorCode;
import dev.parley.error.ParleyException;
import dev.parley.http.HttpRequest;
import dev.parley.http.HttpResponse;
import dev.parley.http.PageSize;
import dev.parley.http.Route;
import dev.parley.http.RouteSet;
import dev.parley.store.Page;
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
 * admin may name another owner ({@code owner=}) or read every owner's totals, a page of owners at a
 * time ({@code by=owner}, {@code limit=}, {@code cursor=}); everyone else reads their own. The
 * day rows (by model or by key) are paged too when {@code limit=} or {@code cursor=} is given.
 */
@ApplicationScoped
public class UsageRoutes implements RouteSet {
    private final UsageLedger ledger;
    private final OwnerUsage owners;
    private final PriceTable prices;
    private final UsageSettings settings;
    private final Clock clock;

    UsageRoutes(
            UsageLedger ledger,
            OwnerUsage owners,
            PriceTable prices,
            UsageSettings settings,
            Clock clock) {
        this.ledger = ledger;
        this.owners = owners;
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
            throw ParleyException.validation(
                    "from (" + from + ") must not be after to (" + to + ")");
        }
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        if (days > settings.maxQueryDays()) {
            throw ParleyException.validation(
                    "from..to spans "
                            + days
                            + " days; at most "
                            + settings.maxQueryDays()
                            + " can be asked for at once");
        }
        By by = by(request);
        if (by == By.OWNER) {
            return byOwner(request, from, to);
        }
        String owner = owner(request);
        List<LedgerEntry> entries = ledger.days(owner, from, to);
        Page<UsageViews.Row> rows = RowPages.page(rows(entries, by == By.KEY), request);
        return HttpResponse.ok(
                new UsageViews.Report(
                        owner,
                        from.toString(),
                        to.toString(),
                        rows.items(),
                        row(null, null, total(entries), cost(entries)),
                        unpriced(entries),
                        rows.nextCursor().orElse(null)));
    }

    /** Every owner's totals over the range, a page of owners at a time (admins only). */
    private HttpResponse byOwner(HttpRequest request, LocalDate from, LocalDate to) {
        if (!request.identity().admin()) {
            throw new ParleyException(
                    ErrorCode.FORBIDDEN, "only an admin may read usage by owner (by=owner)");
        }
        if (request.queryParam("owner").isPresent()) {
            throw ParleyException.validation(
                    "by=owner lists every owner: leave out owner, or ask by=model or by=key");
        }
        Page<Map.Entry<String, List<LedgerEntry>>> page =
                owners.page(from, to, PageSize.of(request), request.queryParam("cursor"));
        List<UsageViews.OwnerRow> rows = new ArrayList<>();
        List<LedgerEntry> all = new ArrayList<>();
        for (Map.Entry<String, List<LedgerEntry>> owner : page.items()) {
            UsageTotals t = total(owner.getValue());
            rows.add(
                    new UsageViews.OwnerRow(
                            owner.getKey(),
                            t.calls(),
                            t.inputTokens(),
                            t.outputTokens(),
                            t.cacheReadTokens(),
                            t.cacheWriteTokens(),
                            t.tokens(),
                            cost(owner.getValue())));
            all.addAll(owner.getValue());
        }
        return HttpResponse.ok(
                new UsageViews.OwnerReport(
                        from.toString(),
                        to.toString(),
                        rows,
                        page.nextCursor().orElse(null),
                        unpriced(all)));
    }

    private static UsageTotals total(List<LedgerEntry> entries) {
        return entries.stream()
                .map(LedgerEntry::totals)
                .reduce(UsageTotals.ZERO, UsageTotals::plus);
    }

    private BigDecimal cost(List<LedgerEntry> entries) {
        return entries.stream()
                .map(e -> prices.cost(e.model(), e.totals()))
                .reduce(BigDecimal.ZERO, BigDecimal::add)
                .setScale(6, RoundingMode.HALF_UP);
    }

    private List<String> unpriced(List<LedgerEntry> entries) {
        TreeSet<String> unpriced = new TreeSet<>();
        entries.stream()
                .map(LedgerEntry::model)
                .filter(m -> !prices.isPriced(m))
                .forEach(unpriced::add);
        return List.copyOf(unpriced);
    }

    /** One row per day and model, or per day, model and API key ({@code by=key}; calls without a key: key null). */
    private List<UsageViews.Row> rows(List<LedgerEntry> entries, boolean byKey) {
        Map<List<String>, UsageTotals> grouped = new LinkedHashMap<>();
        for (LedgerEntry e : entries) {
            List<String> group =
                    Arrays.asList(e.period(), e.model(), byKey ? e.keyId().orElse(null) : null);
            grouped.merge(group, e.totals(), UsageTotals::plus);
        }
        List<UsageViews.Row> rows = new ArrayList<>();
        grouped.forEach(
                (group, totals) ->
                        rows.add(
                                row(
                                        group.get(0),
                                        group.get(1),
                                        group.get(2),
                                        totals,
                                        prices.cost(group.get(1), totals))));
        return rows;
    }

    /** How the rows are broken down. */
    private enum By {
        MODEL,
        KEY,
        OWNER
    }

    /** {@code by=model} (the default), {@code by=key} or {@code by=owner}. */
    private static By by(HttpRequest request) {
        String by = request.queryParam("by").orElse("model");
        return switch (by) {
            case "model" -> By.MODEL;
            case "key" -> By.KEY;
            case "owner" -> By.OWNER;
            default ->
                    throw ParleyException.validation(
                            "by must be 'model', 'key' or 'owner', got '" + by + "'");
        };
    }

    /** The caller's own usage; an admin may name another owner ({@code ?owner=}). */
    private static String owner(HttpRequest request) {
        return request.queryParam("owner")
                .map(
                        owner -> {
                            if (!request.identity().admin()) {
                                throw new ParleyException(
                                        ErrorCode.FORBIDDEN,
                                        "only an admin may read another owner's usage (owner)");
                            }
                            if (owner.isBlank()
                                    || owner.length() > 1024
                                    || owner.chars().anyMatch(Character::isISOControl)) {
                                throw ParleyException.validation("owner must be a caller id");
                            }
                            return owner;
                        })
                .orElse(request.caller());
    }

    private static UsageViews.Row row(String date, String model, UsageTotals t, BigDecimal cost) {
        return row(date, model, null, t, cost);
    }

    private static UsageViews.Row row(
            String date, String model, String key, UsageTotals t, BigDecimal cost) {
        return new UsageViews.Row(
                date,
                model,
                key,
                t.calls(),
                t.inputTokens(),
                t.outputTokens(),
                t.cacheReadTokens(),
                t.cacheWriteTokens(),
                t.cacheWriteOneHourTokens(),
                t.tokens(),
                cost.setScale(6, RoundingMode.HALF_UP));
    }

    private static java.util.Optional<LocalDate> date(HttpRequest request, String name) {
        return request.queryParam(name)
                .map(
                        value -> {
                            try {
                                // ISO_LOCAL_DATE: exactly YYYY-MM-DD, and a real day (2026-02-30 is
                                // refused).
                                return LocalDate.parse(value);
                            } catch (DateTimeParseException e) {
                                throw ParleyException.validation(
                                        name
                                                + " must be a date as YYYY-MM-DD, got '"
                                                + value
                                                + "'");
                            }
                        });
    }
}
