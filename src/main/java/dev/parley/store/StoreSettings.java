package dev.parley.store;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "parley.store")
public interface StoreSettings {

    /** The DynamoDB table (template.yaml creates it; the local stack creates it on start). */
    @WithDefault("parley")
    String tableName();

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
