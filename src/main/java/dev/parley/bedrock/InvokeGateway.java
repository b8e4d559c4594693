package dev.parley.bedrock;

import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelRequest;

/** The Invoke Model API: a model-native JSON body in, the model's native JSON out. */
@ApplicationScoped
public class InvokeGateway {
    private final BedrockRuntimeClient client;
    private final BedrockErrors errors;

    InvokeGateway(BedrockRuntimeClient client, BedrockErrors errors) {
        this.client = client;
        this.errors = errors;
    }

    public String invoke(ModelSpec model, String nativeJsonBody) {
        try {
            return client.invokeModel(InvokeModelRequest.builder()
                    .modelId(model.modelId())
                    .contentType("application/json")
                    .accept("application/json")
                    .body(SdkBytes.fromUtf8String(nativeJsonBody))
                    .build()).body().asUtf8String();
        } catch (SdkException e) {
            throw errors.translate(e, model);
        }
    }
}
