package dev.parley.bedrock;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.warmup.http.CannedResponseHttpClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * Warms the Bedrock path of a request before a SnapStart snapshot, without calling Bedrock: builds
 * the real sync client (the first request would otherwise build it), then runs one Converse call
 * through {@link ConverseMapper} and the SDK (marshalling, signing, retries, unmarshalling) against
 * the SDK's canned-response HTTP client. Lives here because only bedrock/ builds Converse requests.
 */
@ApplicationScoped
public class BedrockPriming {
    private static final byte[] CANNED_REPLY = ("{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":"
            + "[{\"text\":\"primed\"}]}},\"stopReason\":\"end_turn\",\"usage\":{\"inputTokens\":1,\"outputTokens\":1,"
            + "\"totalTokens\":2},\"metrics\":{\"latencyMs\":1}}").getBytes(StandardCharsets.UTF_8);

    private final BedrockRuntimeClient client;
    private final BedrockSettings settings;
    private final ModelCatalog catalog;

    BedrockPriming(BedrockRuntimeClient client, BedrockSettings settings, ModelCatalog catalog) {
        this.client = client;
        this.settings = settings;
        this.catalog = catalog;
    }

    /** Returns the canned reply's text, so a caller can tell the path really ran. */
    public String prime() {
        // Any call on the proxy creates the bean; serviceName() sends nothing.
        client.serviceName();
        catalog.all().forEach(model -> catalog.resolve(model.alias()));
        ModelSpec model = catalog.defaultModel();
        ModelCall call = new ModelCall(model, Optional.of("Priming."), List.of(ChatMessage.user("Priming.")),
                InferenceSettings.DEFAULTS);
        CannedResponseHttpClient http = CannedResponseHttpClient.builder().statusCode(200).responseBody(CANNED_REPLY)
                .build();
        try (BedrockRuntimeClient offline = BedrockClients.offlineClient(settings, http)) {
            return ConverseMapper.toReply(model, offline.converse(ConverseMapper.toRequest(call))).text();
        }
    }
}
