package dev.parley.anthropic;

import dev.parley.bedrock.TokenCountGateway;
import dev.parley.caching.PromptTokens;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.OptionalInt;

/**
 * {@code POST /v1/messages/count_tokens}: Bedrock's CountTokens where the model counts, otherwise
 * Parley's estimate (four characters a token, as the prompt-cache stage estimates), marked in the
 * {@value #SOURCE_HEADER} header as {@code estimate} rather than {@code bedrock}. Counting runs no
 * model and costs nothing, so it is not a pipeline call (no ledger entry, no budget).
 */
@ApplicationScoped
class TokenCounts {
    static final String SOURCE_HEADER = "X-Parley-Token-Count";

    @RegisterForReflection
    record Count(int input_tokens) {
    }

    record Counted(Count count, String source) {
    }

    private final TokenCountGateway gateway;

    TokenCounts(TokenCountGateway gateway) {
        this.gateway = gateway;
    }

    Counted count(MessagesRequest request) {
        OptionalInt counted = gateway.count(request.call());
        if (counted.isPresent()) {
            return new Counted(new Count(counted.getAsInt()), "bedrock");
        }
        return new Counted(new Count(Math.max(1, PromptTokens.of(request.call()))), "estimate");
    }
}
