package dev.parley.bedrock;

import dev.parley.modelcall.ChatMessage;
import dev.parley.modelcall.InferenceSettings;
import dev.parley.modelcall.ModelCall;
import dev.parley.modelcall.ModelSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * Warms the Bedrock path of a request before a SnapStart snapshot, without calling Bedrock: builds
 * the real sync client (the first request would otherwise build it), then runs Converse calls
 * through {@link ConverseMapper} and the SDK (marshalling, signing, retries, the URL-connection
 * HTTP client, unmarshalling) against a {@link CannedEndpoint} on the loopback interface. Lives
 * here because only bedrock/ builds Converse requests.
 */
@ApplicationScoped
public class BedrockPriming {
    private static final byte[] CANNED_REPLY =
            ("{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":"
                            + "[{\"text\":\"primed\"}]}},\"stopReason\":\"end_turn\",\"usage\":{\"inputTokens\":1,\"outputTokens\":1,"
                            + "\"totalTokens\":2},\"metrics\":{\"latencyMs\":1}}")
                    .getBytes(StandardCharsets.UTF_8);

    private final BedrockRuntimeClient client;
    private final BedrockSettings settings;
    private final ModelCatalog catalog;
    private final ConverseGateway gateway;

    BedrockPriming(
            BedrockRuntimeClient client,
            BedrockSettings settings,
            ModelCatalog catalog,
            ConverseGateway gateway) {
        this.client = client;
        this.settings = settings;
        this.catalog = catalog;
        this.gateway = gateway;
    }

    /** Runs {@code calls} canned Converse calls; returns the reply's text, so a caller can tell the path really ran. */
    public String prime(int calls) {
        // Any call on the proxy creates the bean; serviceName() sends nothing.
        client.serviceName();
        catalog.all().forEach(model -> catalog.lookup(model.alias()));
        ModelSpec model = catalog.defaultModel();
        ModelCall call =
                new ModelCall(
                        model,
                        Optional.of("Priming."),
                        List.of(ChatMessage.user("Priming.")),
                        InferenceSettings.DEFAULTS);
        String[] text = {""};
        withCanned(
                offline -> {
                    for (int i = 0; i < Math.max(1, calls); i++) {
                        text[0] =
                                ConverseMapper.toReply(
                                                model,
                                                offline.converse(ConverseMapper.toRequest(call)))
                                        .text();
                    }
                });
        return text[0];
    }

    /**
     * Runs {@code work} (priming's requests through the handler) with every Converse call of the
     * pipeline answered by the canned endpoint instead of Bedrock: the success paths of the model
     * routes run whole, with the application's client untouched (it has resolved no credentials
     * and opened no connection when the snapshot is taken).
     */
    public void withCannedBedrock(Runnable work) {
        withCanned(
                offline -> {
                    gateway.standIn(offline);
                    try {
                        work.run();
                    } finally {
                        gateway.standIn(null);
                    }
                });
    }

    private void withCanned(Consumer<BedrockRuntimeClient> work) {
        try (CannedEndpoint endpoint = new CannedEndpoint(CANNED_REPLY);
                BedrockRuntimeClient offline =
                        BedrockClients.primingClient(settings, endpoint.uri())) {
            work.accept(offline);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the loopback endpoint for priming", e);
        }
    }
}
