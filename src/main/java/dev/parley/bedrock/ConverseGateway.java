package dev.parley.bedrock;

import dev.parley.modelcall.ModelCall;
import dev.parley.modelcall.ModelReply;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * Calls the Converse API. Only {@code pipeline.ModelPipeline} calls it: every model call in Parley
 * goes through the pipeline, which runs its stages around this gateway (or its streaming twin).
 */
@ApplicationScoped
public class ConverseGateway {
    private final BedrockRuntimeClient client;
    private final BedrockErrors errors;

    /** Set only while SnapStart priming runs requests ({@link BedrockPriming}): a client with a canned answer. */
    private volatile BedrockRuntimeClient standIn;

    ConverseGateway(BedrockRuntimeClient client, BedrockErrors errors) {
        this.client = client;
        this.errors = errors;
    }

    public ModelReply converse(ModelCall call) {
        try {
            BedrockRuntimeClient priming = standIn;
            return ConverseMapper.toReply(
                    call.model(),
                    (priming != null ? priming : client).converse(ConverseMapper.toRequest(call)),
                    ConverseMapper.showsTrace(call));
        } catch (SdkException e) {
            throw errors.translate(e, call.model());
        }
    }

    /** {@code client} answers instead of Bedrock until {@code null} is set again (priming only). */
    void standIn(BedrockRuntimeClient client) {
        this.standIn = client;
    }
}
