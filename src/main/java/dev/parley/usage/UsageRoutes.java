package dev.parley.usage;

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
import java.util.List;
import java.util.TreeSet;

/**
 * {@code GET /v1/usage?from=YYYY-MM-DD&to=YYYY-MM-DD}: the caller's own counters by day and model
 * (UTC days), with the estimated cost. There is no way to name another caller: the identity is
 * the request's.
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
        List<LedgerEntry> entries = ledger.days(request.caller(), from, to);
        List<UsageViews.Row> rows = entries.stream().map(e -> row(e.period(), e.model(), e.totals(),
                prices.cost(e.model(), e.totals()))).toList();
        UsageTotals total = entries.stream().map(LedgerEntry::totals).reduce(UsageTotals.ZERO, UsageTotals::plus);
        BigDecimal cost = entries.stream().map(e -> prices.cost(e.model(), e.totals()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        TreeSet<String> unpriced = new TreeSet<>();
        entries.stream().map(LedgerEntry::model).filter(m -> !prices.isPriced(m)).forEach(unpriced::add);
        return HttpResponse.ok(new UsageViews.Report(request.caller(), from.toString(), to.toString(), rows,
                row(null, null, total, cost), List.copyOf(unpriced)));
    }

    private static UsageViews.Row row(String date, String model, UsageTotals t, BigDecimal cost) {
        return new UsageViews.Row(date, model, t.calls(), t.inputTokens(), t.outputTokens(), t.cacheReadTokens(),
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
