package dev.parley.bedrock;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDeltaEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamMetadataEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.MessageStopEvent;

/**
 * ConverseStream through the async client: text deltas go to {@code onText} as they arrive, and
 * the assembled reply (with Bedrock's usage and latency from the stream's metadata event) is
 * returned at the end. A failure before or during the stream is translated like any other.
 */
@ApplicationScoped
public class ConverseStreamGateway {
    private final BedrockRuntimeAsyncClient client;
    private final BedrockErrors errors;

    ConverseStreamGateway(BedrockRuntimeAsyncClient client, BedrockErrors errors) {
        this.client = client;
        this.errors = errors;
    }

    public ModelReply stream(ModelCall call, Consumer<String> onText, Duration timeout) {
        StringBuilder text = new StringBuilder();
        String[] stopReason = {null};
        Usage[] usage = {new Usage(0, 0, 0)};
        long[] latency = {0};
        ConverseStreamResponseHandler.Visitor visitor = ConverseStreamResponseHandler.Visitor.builder()
                .onContentBlockDelta((ContentBlockDeltaEvent delta) -> {
                    if (delta.delta() != null && delta.delta().text() != null) {
                        text.append(delta.delta().text());
                        onText.accept(delta.delta().text());
                    }
                })
                .onMessageStop((MessageStopEvent stop) -> stopReason[0] = stop.stopReasonAsString())
                .onMetadata((ConverseStreamMetadataEvent metadata) -> {
                    usage[0] = ConverseMapper.usage(metadata.usage());
                    if (metadata.metrics() != null && metadata.metrics().latencyMs() != null) {
                        latency[0] = metadata.metrics().latencyMs();
                    }
                })
                .build();
        CompletableFuture<Void> done = client.converseStream(ConverseMapper.toStreamRequest(call),
                ConverseStreamResponseHandler.builder().subscriber(visitor).build());
        try {
            done.get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw errors.translate(e.getCause() == null ? e : e.getCause(), call.model());
        } catch (TimeoutException e) {
            done.cancel(true);
            throw errors.translate(ApiCallTimeoutException.create(timeout.toMillis()), call.model());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw errors.translate(e, call.model());
        }
        return new ModelReply(call.model(), ChatMessage.assistant(text.toString()), stopReason[0], usage[0], latency[0]);
    }
}
