package dev.parley.anthropic;

import dev.parley.bedrock.TokenCountGateway;
import dev.parley.caching.PromptTokens;
import dev.parley.identity.Caller;
import dev.parley.modelcall.ChatMessage;
import dev.parley.modelcall.ModelCall;
import dev.parley.modelcall.ModelReply;
import dev.parley.modelcall.Usage;
import dev.parley.pipeline.CallContext;
import dev.parley.pipeline.ModelPipeline;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code POST /v1/messages/count_tokens}: Bedrock's CountTokens where the model counts, otherwise
 * Parley's estimate (four characters a token, as the prompt-cache stage estimates), marked in the
 * {@value #SOURCE_HEADER} header as {@code estimate} rather than {@code bedrock}. Counting runs no
 * model and costs nothing, but it is a request about one: it goes through the pipeline's stages
 * ({@link ModelPipeline#withoutModel}) as route {@value #ROUTE}, so a key's models and limits,
 * budgets, guardrail coverage and lifecycle admit it as they admit a message, and metrics and the
 * ledger count it (a call with zero tokens).
 */
@ApplicationScoped
class TokenCounts {
    static final String SOURCE_HEADER = "X-Parley-Token-Count";

    @RegisterForReflection
    record Count(int input_tokens) {}

    record Counted(Count count, String source) {}

    static final String ROUTE = "anthropic.count_tokens";

    private final TokenCountGateway gateway;
    private final ModelPipeline pipeline;

    TokenCounts(TokenCountGateway gateway, ModelPipeline pipeline) {
        this.gateway = gateway;
        this.pipeline = pipeline;
    }

    Counted count(MessagesRequest request, Caller caller) {
        AtomicReference<Counted> counted = new AtomicReference<>();
        pipeline.withoutModel(
                CallContext.of(caller, ROUTE),
                request.call(),
                admitted -> {
                    counted.set(count(admitted));
                    return new ModelReply(
                            admitted.model(),
                            new ChatMessage(ChatMessage.Role.ASSISTANT, List.of()),
                            "end_turn",
                            Usage.NONE,
                            0);
                });
        return counted.get();
    }

    /** The count of the call as the stages prepared it (with the cache points of prompt caching, say). */
    private Counted count(ModelCall call) {
        OptionalInt counted = gateway.count(call);
        if (counted.isPresent()) {
            return new Counted(new Count(counted.getAsInt()), "bedrock");
        }
        return new Counted(new Count(Math.max(1, PromptTokens.of(call))), "estimate");
    }
}
