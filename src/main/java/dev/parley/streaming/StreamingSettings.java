package dev.parley.streaming;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of the streaming API's responses (the stream function's runtime loop). */
@ConfigMapping(prefix = "parley.streaming")
public interface StreamingSettings {

    /**
     * Browser origins the streaming API answers CORS for (the template passes its
     * {@code CorsAllowedOrigins}); {@code *} for any; absent: no CORS headers, as on the HTTP API
     * without origins. A REST API proxy integration leaves CORS to the function.
     */
    Optional<List<String>> corsAllowedOrigins();

    /**
     * After this long without a piece, a streamed response gets an SSE comment line
     * ({@code : keep-alive}), which clients ignore: a long first token (prefill, hidden reasoning) or
     * a tool run would otherwise leave the connection silent, and API Gateway closes a regional
     * stream idle for 5 minutes (proxies and browsers often sooner). The first heartbeat begins the
     * response (200), so a failure after it arrives as an error event, as any mid-stream failure.
     */
    @WithDefault("10s")
    Duration heartbeatInterval();
}
