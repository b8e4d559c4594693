package dev.parley.lifecycle;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How Parley uses the account's report on the catalog (the catalog refresh, package catalog/):
 * {@code parley.models.account-report.*}.
 */
@ConfigMapping(prefix = "parley.models.account-report")
public interface AccountReportSettings {

    /** Whether lifecycle answers take the account's report into account at all (off: the matrix's dates only). */
    @WithDefault("true")
    boolean enabled();

    /** How long an instance keeps the report it read before reading it again (one GetItem). */
    @WithDefault("1h")
    Duration reloadAfter();

    /**
     * A report older than this (or none) is stale: the instance that notices runs a refresh after
     * its response, so a new deployment has the account's word without waiting for the schedule.
     * Above the schedule's day, so the schedule normally does the work.
     */
    @WithDefault("26h")
    Duration staleAfter();
}
