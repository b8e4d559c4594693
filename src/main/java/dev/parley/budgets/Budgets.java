package dev.parley.budgets;

import dev.parley.error.ErrorCode;
import dev.parley.error.ParleyException;
import dev.parley.metrics.Metrics;
import dev.parley.usage.LedgerEntry;
import dev.parley.usage.PriceTable;
import dev.parley.usage.UsageLedger;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * Decides, before a model call, whether the caller may still spend: the ledger's counters for
 * today and this month against the caller's limits. Calls already running are not counted until
 * they finish, so concurrent calls can overshoot a limit by at most what the calls in flight at
 * the moment it was reached spend (docs/usage-and-budgets.md states this bound).
 */
@ApplicationScoped
public class Budgets {
    private static final Logger LOG = Logger.getLogger(Budgets.class);

    private final BudgetSettings settings;
    private final UsageLedger ledger;
    private final PriceTable prices;
    private final Clock clock;
    private final Metrics metrics;

    Budgets(
            BudgetSettings settings,
            UsageLedger ledger,
            PriceTable prices,
            Clock clock,
            Metrics metrics) {
        this.settings = settings;
        this.ledger = ledger;
        this.prices = prices;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** The limits that apply to {@code caller}: its overrides, key by key, over the defaults. */
    record Effective(
            OptionalLong dailyTokens,
            Optional<BigDecimal> dailyUsd,
            OptionalLong monthlyTokens,
            Optional<BigDecimal> monthlyUsd) {

        boolean daily() {
            return dailyTokens.isPresent() || dailyUsd.isPresent();
        }

        boolean monthly() {
            return monthlyTokens.isPresent() || monthlyUsd.isPresent();
        }
    }

    Effective limitsOf(String caller) {
        BudgetSettings.Limits defaults = settings.defaults();
        Optional<BudgetSettings.Limits> own = Optional.ofNullable(settings.callers().get(caller));
        return new Effective(
                tokens(own.map(BudgetSettings.Limits::dailyTokens), defaults.dailyTokens()),
                usd(own.map(BudgetSettings.Limits::dailyUsd), defaults.dailyUsd()),
                tokens(own.map(BudgetSettings.Limits::monthlyTokens), defaults.monthlyTokens()),
                usd(own.map(BudgetSettings.Limits::monthlyUsd), defaults.monthlyUsd()));
    }

    /**
     * Refuses (429 {@code quota_exceeded}, {@code Retry-After} until the period resets) when the
     * caller has reached a limit. For every path: the pipeline's budget stage calls it before each
     * Converse and ConverseStream call; the Invoke Model routes call it themselves.
     */
    public void requireWithin(String caller, String route) {
        requireWithin(caller, limitsOf(caller), entry -> true, "the", route);
    }

    /**
     * The same for an API key's own budgets (keys/), counted from the entries of its owner's
     * ledger that carry the key's id: one Query per period with a limit, like a caller's budget.
     */
    public void requireKeyWithin(
            String owner,
            String keyId,
            OptionalLong dailyTokens,
            Optional<BigDecimal> dailyUsd,
            OptionalLong monthlyTokens,
            Optional<BigDecimal> monthlyUsd,
            String route) {
        requireWithin(
                owner,
                new Effective(dailyTokens, dailyUsd, monthlyTokens, monthlyUsd),
                entry -> entry.keyId().filter(keyId::equals).isPresent(),
                "API key " + keyId + "'s",
                route);
    }

    private void requireWithin(
            String caller,
            Effective limits,
            Predicate<LedgerEntry> counted,
            String whose,
            String route) {
        // With the ledger off nothing is counted, so no limit could be reached: no reads either.
        if (!limits.daily() && !limits.monthly() || !ledger.counting()) {
            return;
        }
        LocalDate today = LocalDate.now(clock);
        Optional<Refusal> refusal;
        try {
            refusal = check(caller, limits, today, counted);
        } catch (ParleyException e) {
            // A budget guards spending, not access: with the ledger unreadable the call goes on
            // (and is logged), rather than every model call failing with the store.
            LOG.warnf(
                    "budget of %s not checked (the ledger could not be read): %s",
                    caller, e.getMessage());
            return;
        }
        if (refusal.isPresent()) {
            Refusal r = refusal.get();
            metrics.budgetRefusal(route, r.period());
            long millis = Duration.between(clock.instant(), r.resetsAt()).toMillis();
            long seconds = Math.max(1, (millis + 999) / 1000);
            throw new ParleyException(
                    ErrorCode.QUOTA_EXCEEDED,
                    whose
                            + " "
                            + r.period()
                            + " budget of "
                            + caller
                            + " is spent: "
                            + r.used()
                            + " of "
                            + r.limit()
                            + "; it resets at "
                            + r.resetsAt()
                            + " (retry after "
                            + seconds
                            + " s)",
                    Map.of("Retry-After", Long.toString(seconds)),
                    null);
        }
    }

    private record Refusal(String period, String used, String limit, Instant resetsAt) {}

    /**
     * One Query whatever the limits: the month's day items when a monthly limit applies (today's
     * are among them), only today's otherwise; {@code counted} keeps the entries that count
     * (an API key's own, for a key's budget).
     */
    private Optional<Refusal> check(
            String caller, Effective limits, LocalDate today, Predicate<LedgerEntry> counted) {
        YearMonth thisMonth = YearMonth.from(today);
        List<LedgerEntry> days =
                (limits.monthly() ? ledger.daysOf(caller, thisMonth) : ledger.day(caller, today))
                        .stream().filter(counted).toList();
        Optional<Refusal> month = Optional.empty();
        if (limits.monthly()) {
            month =
                    exceeded(
                            "monthly",
                            UsageLedger.monthOf(thisMonth, days),
                            limits.monthlyTokens(),
                            limits.monthlyUsd(),
                            thisMonth
                                    .plusMonths(1)
                                    .atDay(1)
                                    .atStartOfDay()
                                    .toInstant(ZoneOffset.UTC));
        }
        // A spent month outlasts a spent day: answer the later reset.
        if (month.isPresent()) {
            return month;
        }
        if (limits.daily()) {
            List<LedgerEntry> todays =
                    days.stream().filter(day -> day.period().equals(today.toString())).toList();
            return exceeded(
                    "daily",
                    todays,
                    limits.dailyTokens(),
                    limits.dailyUsd(),
                    today.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        }
        return Optional.empty();
    }

    private Optional<Refusal> exceeded(
            String period,
            List<LedgerEntry> entries,
            OptionalLong tokenLimit,
            Optional<BigDecimal> usdLimit,
            Instant resetsAt) {
        if (tokenLimit.isPresent()) {
            long tokens = entries.stream().mapToLong(e -> e.totals().tokens()).sum();
            if (tokens >= tokenLimit.getAsLong()) {
                return Optional.of(
                        new Refusal(
                                period,
                                tokens + " tokens",
                                tokenLimit.getAsLong() + " tokens",
                                resetsAt));
            }
        }
        if (usdLimit.isPresent()) {
            BigDecimal usd =
                    entries.stream()
                            .map(e -> prices.cost(e.model(), e.totals()))
                            .reduce(BigDecimal.ZERO, BigDecimal::add);
            if (usd.compareTo(usdLimit.get()) >= 0) {
                return Optional.of(
                        new Refusal(
                                period,
                                "USD " + usd.stripTrailingZeros().toPlainString(),
                                "USD " + usdLimit.get().toPlainString(),
                                resetsAt));
            }
        }
        return Optional.empty();
    }

    private static OptionalLong tokens(Optional<OptionalLong> own, OptionalLong fallback) {
        OptionalLong chosen = own.filter(OptionalLong::isPresent).orElse(fallback);
        return chosen.isPresent() && chosen.getAsLong() < 0 ? OptionalLong.empty() : chosen;
    }

    private static Optional<BigDecimal> usd(
            Optional<Optional<BigDecimal>> own, Optional<BigDecimal> fallback) {
        return own.filter(Optional::isPresent).orElse(fallback).filter(v -> v.signum() >= 0);
    }
}
