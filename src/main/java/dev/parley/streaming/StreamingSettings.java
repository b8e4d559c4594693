package dev.parley.streaming;

import io.smallrye.config.ConfigMapping;
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
}
