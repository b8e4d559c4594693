package dev.parley.bedrock;

import dev.parley.modelcall.ModelCall;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseTokensRequest;
import software.amazon.awssdk.services.bedrockruntime.model.CountTokensInput;
import software.amazon.awssdk.services.bedrockruntime.model.CountTokensRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/**
 * Bedrock's CountTokens for the input of a Converse call: the count Bedrock would charge, without
 * running the model and at no cost. CountTokens takes a foundation model id, not an inference
 * profile (API reference: "The unique identifier or ARN of the foundation model"), so the call's
 * geography prefix is dropped. Only some models count: the others, Amazon Nova and the Claude
 * models that launched cross-Region only among them, answer ValidationException "The provided
 * model doesn't support counting tokens." (quoted in maximhq/bifrost#2169 and
 * strands-agents/sdk-typescript#999). Such a model is remembered for the life of the process, as
 * those SDKs do, so its later counts cost no failing call; the caller then estimates.
 */
@ApplicationScoped
public class TokenCountGateway {
    static final String UNSUPPORTED = "doesn't support counting tokens";

    private final BedrockRuntimeClient client;
    private final BedrockErrors errors;
    private final Set<String> unsupported = ConcurrentHashMap.newKeySet();

    TokenCountGateway(BedrockRuntimeClient client, BedrockErrors errors) {
        this.client = client;
        this.errors = errors;
    }

    /** The input tokens of {@code call} as Bedrock counts them, or empty when the model does not count. */
    public OptionalInt count(ModelCall call) {
        String modelId = FeatureMatrix.baseModelId(call.model().modelId());
        if (unsupported.contains(modelId)) {
            return OptionalInt.empty();
        }
        ConverseRequest converse = ConverseMapper.toRequest(call);
        ConverseTokensRequest.Builder input =
                ConverseTokensRequest.builder().messages(converse.messages());
        if (converse.hasSystem()) {
            input.system(converse.system());
        }
        if (converse.toolConfig() != null) {
            input.toolConfig(converse.toolConfig());
        }
        if (converse.additionalModelRequestFields() != null) {
            input.additionalModelRequestFields(converse.additionalModelRequestFields());
        }
        try {
            return OptionalInt.of(
                    client.countTokens(
                                    CountTokensRequest.builder()
                                            .modelId(modelId)
                                            .input(CountTokensInput.fromConverse(input.build()))
                                            .build())
                            .inputTokens());
        } catch (ValidationException e) {
            if (String.valueOf(
                            e.awsErrorDetails() == null
                                    ? e.getMessage()
                                    : e.awsErrorDetails().errorMessage())
                    .toLowerCase(Locale.ROOT)
                    .contains(UNSUPPORTED)) {
                unsupported.add(modelId);
                return OptionalInt.empty();
            }
            throw errors.translate(e, call.model());
        } catch (SdkException e) {
            throw errors.translate(e, call.model());
        }
    }
}
