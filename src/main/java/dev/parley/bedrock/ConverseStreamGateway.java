package dev.parley.bedrock;

import dev.parley.error.ErrorCode;
import dev.parley.error.ParleyException;
import dev.parley.modelcall.ModelCall;
import dev.parley.modelcall.ModelReply;
import dev.parley.modelcall.StreamListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDeltaEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockStartEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockStopEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamMetadataEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.MessageStopEvent;

/**
 * ConverseStream through the async client (called by {@code pipeline.ModelPipeline} only): deltas go to the {@link StreamListener} as they
 * arrive, and the assembled reply (text, reasoning and tool uses, with Bedrock's usage and latency
 * from the stream's metadata event) is returned at the end. A failure before or during the stream
 * is translated like any other.
 */
@ApplicationScoped
public class ConverseStreamGateway {
    private final BedrockRuntimeAsyncClient client;
    private final BedrockErrors errors;

    ConverseStreamGateway(BedrockRuntimeAsyncClient client, BedrockErrors errors) {
        this.client = client;
        this.errors = errors;
    }

    public ModelReply stream(ModelCall call, StreamListener consumer, Duration timeout) {
        StreamedMessage message = new StreamedMessage();
        // A client that goes away mid-stream stops the forwarding, not the reading: the reply's
        // usage arrives last (metadata), and the caller is charged for what Bedrock produced.
        Forwarding listener = new Forwarding(consumer);
        ConverseStreamResponseHandler.Visitor visitor =
                ConverseStreamResponseHandler.Visitor.builder()
                        .onContentBlockStart(
                                (ContentBlockStartEvent start) -> {
                                    if (start.start() != null && start.start().toolUse() != null) {
                                        int index = start.contentBlockIndex();
                                        message.toolUseStart(
                                                index,
                                                start.start().toolUse().toolUseId(),
                                                start.start().toolUse().name());
                                        listener.toolUseStart(
                                                index,
                                                start.start().toolUse().toolUseId(),
                                                start.start().toolUse().name());
                                    }
                                })
                        .onContentBlockDelta(
                                (ContentBlockDeltaEvent event) -> {
                                    var delta = event.delta();
                                    int index =
                                            event.contentBlockIndex() == null
                                                    ? 0
                                                    : event.contentBlockIndex();
                                    if (delta == null) {
                                        return;
                                    }
                                    if (delta.text() != null) {
                                        message.text(index, delta.text());
                                        listener.text(index, delta.text());
                                    } else if (delta.reasoningContent() != null) {
                                        var reasoning = delta.reasoningContent();
                                        if (reasoning.text() != null) {
                                            message.reasoning(index, reasoning.text());
                                            listener.reasoning(index, reasoning.text());
                                        }
                                        if (reasoning.signature() != null) {
                                            message.signature(index, reasoning.signature());
                                            listener.reasoningSignature(
                                                    index, reasoning.signature());
                                        }
                                        if (reasoning.redactedContent() != null) {
                                            message.redacted(
                                                    index,
                                                    reasoning.redactedContent().asByteArray());
                                            listener.redactedReasoning(
                                                    index,
                                                    reasoning.redactedContent().asByteArray());
                                        }
                                    } else if (delta.toolUse() != null
                                            && delta.toolUse().input() != null) {
                                        message.toolUseInput(index, delta.toolUse().input());
                                        listener.toolUseInput(index, delta.toolUse().input());
                                    }
                                })
                        .onContentBlockStop(
                                (ContentBlockStopEvent stop) ->
                                        listener.blockStop(
                                                stop.contentBlockIndex() == null
                                                        ? 0
                                                        : stop.contentBlockIndex()))
                        .onMessageStop(
                                (MessageStopEvent stop) ->
                                        message.stopReason = stop.stopReasonAsString())
                        .onMetadata(
                                (ConverseStreamMetadataEvent metadata) -> {
                                    message.usage = ConverseMapper.usage(metadata.usage());
                                    message.serviceTier =
                                            ConverseMapper.serviceTier(metadata.serviceTier());
                                    if (metadata.trace() != null) {
                                        message.guardrailTrace = metadata.trace().guardrail();
                                        message.invokedModelId =
                                                ConverseMapper.invokedModelId(
                                                        metadata.trace().promptRouter());
                                    }
                                    if (metadata.metrics() != null
                                            && metadata.metrics().latencyMs() != null) {
                                        message.latencyMs = metadata.metrics().latencyMs();
                                    }
                                })
                        .build();
        // The caller's budget (a stream's: its invocation's deadline) bounds the call, not the
        // client's
        // api-call-timeout, which is sized for synchronous calls behind API Gateway.
        Duration budget = timeout.isNegative() || timeout.isZero() ? Duration.ofMillis(1) : timeout;
        ConverseStreamRequest request =
                ConverseMapper.toStreamRequest(call).toBuilder()
                        .overrideConfiguration(
                                o -> o.apiCallTimeout(budget).apiCallAttemptTimeout(budget))
                        .build();
        CompletableFuture<Void> done =
                client.converseStream(
                        request,
                        ConverseStreamResponseHandler.builder().subscriber(visitor).build());
        try {
            done.get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw errors.translate(e.getCause() == null ? e : e.getCause(), call.model());
        } catch (TimeoutException e) {
            done.cancel(true);
            throw errors.translate(
                    ApiCallTimeoutException.create(timeout.toMillis()), call.model());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw errors.translate(e, call.model());
        }
        if (listener.failure != null) {
            RuntimeException failure = errors.translate(listener.failure, call.model());
            throw message.stopReason == null
                    ? failure
                    : new AbandonedStream(
                            message.reply(call.model(), ConverseMapper.showsTrace(call)), failure);
        }
        if (message.stopReason == null) {
            // Bedrock ends every complete stream with messageStop; a stream that ended without it
            // was
            // cut (a broken connection, a truncated frame) and its text is only part of the reply.
            throw new ParleyException(
                    ErrorCode.MODEL_UNAVAILABLE,
                    "the stream from model "
                            + call.model().alias()
                            + " ("
                            + call.model().modelId()
                            + ") ended before the reply was complete; retry shortly");
        }
        return message.reply(call.model(), ConverseMapper.showsTrace(call));
    }

    /** Passes every event to the client's listener until it first fails, then keeps the failure. */
    private static final class Forwarding implements StreamListener {
        private final StreamListener client;
        private RuntimeException failure;

        Forwarding(StreamListener client) {
            this.client = client;
        }

        @Override
        public void text(String delta) {
            forward(() -> client.text(delta));
        }

        @Override
        public void reasoning(String delta) {
            forward(() -> client.reasoning(delta));
        }

        @Override
        public void text(int blockIndex, String delta) {
            forward(() -> client.text(blockIndex, delta));
        }

        @Override
        public void reasoning(int blockIndex, String delta) {
            forward(() -> client.reasoning(blockIndex, delta));
        }

        @Override
        public void reasoningSignature(int blockIndex, String signature) {
            forward(() -> client.reasoningSignature(blockIndex, signature));
        }

        @Override
        public void redactedReasoning(int blockIndex, byte[] data) {
            forward(() -> client.redactedReasoning(blockIndex, data));
        }

        @Override
        public void blockStop(int blockIndex) {
            forward(() -> client.blockStop(blockIndex));
        }

        @Override
        public void toolUseStart(int blockIndex, String toolUseId, String name) {
            forward(() -> client.toolUseStart(blockIndex, toolUseId, name));
        }

        @Override
        public void toolUseInput(int blockIndex, String partialJson) {
            forward(() -> client.toolUseInput(blockIndex, partialJson));
        }

        private void forward(Runnable event) {
            if (failure != null) {
                return;
            }
            try {
                event.run();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
    }
}
