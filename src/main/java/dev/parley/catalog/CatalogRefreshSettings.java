package dev.parley.catalog;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The catalog refresh ({@code parley.catalog.refresh.*}); the schedule itself is template.yaml's. */
@ConfigMapping(prefix = "parley.catalog.refresh")
public interface CatalogRefreshSettings {

    /**
     * Whether an instance that finds the account's report missing or stale refreshes it after its
     * response (what makes a new deployment ask the account before the daily schedule runs).
     */
    @WithDefault("true")
    boolean whenStale();
}
