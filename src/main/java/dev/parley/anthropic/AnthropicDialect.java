package dev.parley.anthropic;

import dev.parley.http.Dialect;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The Anthropic Messages API under {@code /anthropic/}. A legacy model's {@code Link} header keeps
 * pointing at Parley's own {@code /v1/models/} entry, as it did before dialects were declared.
 */
@ApplicationScoped
public class AnthropicDialect implements Dialect {

    @Override
    public String pathPrefix() {
        return AnthropicErrors.PREFIX;
    }

    /** Anthropic's SDKs send the API version, and betas by name. */
    @Override
    public List<String> requestHeaders() {
        return List.of("anthropic-version", "anthropic-beta");
    }
}
