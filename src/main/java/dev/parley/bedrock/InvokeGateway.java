package dev.parley.bedrock;

import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;

/** The Invoke Model API: a model-native JSON body in, the model's native JSON out. */
@ApplicationScoped
public class InvokeGateway {
    private final BedrockRuntimeClient client;
    private final BedrockErrors errors;

    InvokeGateway(BedrockRuntimeClient client, BedrockErrors errors) {
        this.client = client;
        this.errors = errors;
    }

    /** The model's native answer, and the input tokens Bedrock counted (its response header; 0 when absent). */
    public record Invoked(String body, int inputTokens) {
    }

    public String invoke(ModelSpec model, String nativeJsonBody) {
        return invokeCounted(model, nativeJsonBody).body();
    }

    public Invoked invokeCounted(ModelSpec model, String nativeJsonBody) {
        try {
            InvokeModelResponse response = client.invokeModel(InvokeModelRequest.builder()
                    .modelId(model.modelId())
                    .contentType("application/json")
                    .accept("application/json")
                    .body(SdkBytes.fromUtf8String(nativeJsonBody))
                    .build());
            int tokens = response.sdkHttpResponse().firstMatchingHeader("X-Amzn-Bedrock-Input-Token-Count")
                    .map(InvokeGateway::parseCount).orElse(0);
            return new Invoked(response.body().asUtf8String(), tokens);
        } catch (SdkException e) {
            throw errors.translate(e, model);
        }
    }

    private static int parseCount(String header) {
        try {
            return Integer.parseInt(header.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
