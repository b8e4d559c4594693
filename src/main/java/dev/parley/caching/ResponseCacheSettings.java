package dev.parley.caching;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The response cache (docs/caching.md): stored answers for repeatable requests. */
@ConfigMapping(prefix = "parley.cache")
public interface ResponseCacheSettings {

    /** Serve and store answers of cacheable requests (summarize; compare and invoke at temperature 0). */
    @WithDefault("false")
    boolean enabled();

    /** The DynamoDB table; by default the conversation table, under its own key prefix ({@code CACHE#}). */
    Optional<String> tableName();

    /** How long a stored answer is served (DynamoDB TTL, also checked on read). */
    @WithDefault("1h")
    Duration ttl();

    /**
     * Share answers between callers. Off by default: a shared cache would tell one user what another
     * summarized (and that they did).
     */
    @WithDefault("false")
    boolean shared();

    /** Part of every key: change it when prompts change, so answers to old prompts are not served. */
    @WithDefault("1")
    String promptVersion();

    /** Answers larger than this are not stored (DynamoDB items are at most 400 KB). */
    @WithDefault("300000")
    int maxItemBytes();
}
