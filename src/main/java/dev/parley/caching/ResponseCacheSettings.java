package dev.parley.caching;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The response cache (docs/caching.md): stored answers for repeatable requests. */
@ConfigMapping(prefix = "parley.cache")
public interface ResponseCacheSettings {

    /**
     * The routes not cached today, each for its reason: a chat turn is stateful, tools run tool
     * loops, the WebSocket's turns and documents are streamed or long-running, and the OpenAI and
     * Anthropic edges answer at the client's settings.
     */
    String DEFAULT_EXEMPT_ROUTES = "chat,tools,stream,documents,openai,anthropic";

    /** A summary is a function of its text: cached whatever its temperature. */
    String DEFAULT_ANY_TEMPERATURE_ROUTES = "summarize";

    /**
     * Serve and store answers of cacheable calls (every route not in {@link #exemptRoutes()}: by
     * default summarize, and compare and invoke at temperature 0).
     */
    @WithDefault("false")
    boolean enabled();

    /**
     * Routes whose model calls are never cached ({@code openai} names every {@code openai.*}
     * route). Every other route is cacheable, so a new route or edge is cached unless named here;
     * {@code none} caches every route.
     */
    @WithDefault(DEFAULT_EXEMPT_ROUTES)
    List<String> exemptRoutes();

    /**
     * Cacheable routes whose calls are cached at any temperature. The others are cached only at
     * temperature 0, the one setting under which a stored answer is one the model would give.
     */
    @WithDefault(DEFAULT_ANY_TEMPERATURE_ROUTES)
    List<String> anyTemperatureRoutes();

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
