package dev.parley.store;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The conversation store's settings; the table's name is {@code table/TableSettings}. */
@ConfigMapping(prefix = "parley.store")
public interface StoreSettings {

    /**
     * How long data is kept. A conversation expires this long after its last turn; each message
     * this long after it was written (DynamoDB TTL).
     */
    @WithDefault("30d")
    Duration retention();

    /**
     * Largest message item written, in bytes. DynamoDB's item limit is 400 KB including attribute
     * names; the margin covers keys and metadata.
     */
    @WithDefault("380000")
    int maxItemBytes();
}
