package dev.parley.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Anthropic's {@code cache_control: {"type": "ephemeral", "ttl": "5m" | "1h"}} on a block, a
 * system block or a tool: where the client wants a prompt-cache point, which Bedrock takes as a
 * Converse {@code cachePoint} after that part of the prompt.
 */
final class CacheControl {

    private CacheControl() {}

    /** Empty without cache_control; otherwise whether it asks for the one-hour TTL. */
    static Optional<Boolean> read(JsonNode owner, String path) {
        Optional<JsonNode> control = Fields.present(owner, "cache_control");
        if (control.isEmpty()) {
            return Optional.empty();
        }
        String at = path + ".cache_control";
        Fields.object(control.get(), at);
        String type = Fields.requiredString(control.get(), "type", at);
        if (!type.equals("ephemeral")) {
            throw AnthropicException.invalid(at + ".type", "Input should be 'ephemeral'");
        }
        String ttl = Fields.string(control.get(), "ttl", at).orElse("5m");
        if (!ttl.equals("5m") && !ttl.equals("1h")) {
            throw AnthropicException.invalid(at + ".ttl", "Input should be '5m' or '1h'");
        }
        return Optional.of(ttl.equals("1h"));
    }
}
