package dev.parley.table;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The single table's name. Its key stays {@code parley.store.table-name} ({@code
 * PARLEY_STORE_TABLE_NAME}), the one deployed templates set, beside the conversation store's own
 * settings ({@code store/StoreSettings}) under the same prefix.
 */
@ConfigMapping(prefix = "parley.store")
public interface TableSettings {

    /** The DynamoDB table (template.yaml creates it; the local stack creates it on start). */
    @WithDefault("parley")
    String tableName();
}
