package dev.parley.lifecycle;

import dev.parley.modelcall.AccountReports;

/**
 * A CDI event: the account's report on the catalog is missing or older than
 * {@code parley.models.account-report.stale-after} (the catalog refresh observes it and refreshes
 * after the response; this package cannot call it without an import cycle).
 */
public record StaleAccountReport(AccountReports current) {}
