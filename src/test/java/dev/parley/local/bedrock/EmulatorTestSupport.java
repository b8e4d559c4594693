package dev.parley.local.bedrock;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockStart;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamMetadataEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.Message;

/**
 * Starts one emulator per test class and points the real AWS SDK clients at it: the sync client
 * over the URL-connection HTTP client, the async one over Netty forced to HTTP/1.1 (the SDK
 * would try HTTP/2 for event streams). Retries are off so that one scripted error is one failure.
 */
abstract class EmulatorTestSupport {

    static final String NOVA_MICRO = "us.amazon.nova-micro-v1:0";
    static final String CLAUDE_HAIKU = "global.anthropic.claude-haiku-4-5-20251001-v1:0";

    static BedrockEmulator emulator;
    static EmulatorControl control;
    static BedrockRuntimeClient client;
    static BedrockRuntimeAsyncClient asyncClient;

    @BeforeAll
    static void startEmulator() {
        emulator = BedrockEmulator.start("127.0.0.1", 0);
        control = new EmulatorControl(emulator.endpoint());
        var credentials =
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        client =
                BedrockRuntimeClient.builder()
                        .region(Region.US_EAST_1)
                        .credentialsProvider(credentials)
                        .endpointOverride(emulator.endpoint())
                        .httpClientBuilder(UrlConnectionHttpClient.builder())
                        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                        .build();
        asyncClient =
                BedrockRuntimeAsyncClient.builder()
                        .region(Region.US_EAST_1)
                        .credentialsProvider(credentials)
                        .endpointOverride(emulator.endpoint())
                        .httpClientBuilder(
                                NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1))
                        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                        .build();
    }

    @AfterAll
    static void stopEmulator() {
        client.close();
        asyncClient.close();
        emulator.close();
    }

    @BeforeEach
    void resetEmulator() {
        control.reset();
    }

    static Message user(String text) {
        return Message.builder()
                .role(ConversationRole.USER)
                .content(ContentBlock.fromText(text))
                .build();
    }

    static Message assistant(String text) {
        return Message.builder()
                .role(ConversationRole.ASSISTANT)
                .content(ContentBlock.fromText(text))
                .build();
    }

    /** What a ConverseStream call delivered, decoded by the SDK's own response handler. */
    record StreamResult(
            List<String> events,
            List<String> textDeltas,
            List<Long> deltaNanos,
            List<ContentBlockStart> starts,
            StringBuilder toolInput,
            String stopReason,
            ConverseStreamMetadataEvent metadata,
            Throwable error,
            long startNanos) {

        String text() {
            return String.join("", textDeltas);
        }
    }

    static StreamResult stream(ConverseStreamRequest request) {
        return stream(asyncClient, request);
    }

    /** A ConverseStream call through {@code client} (e.g. one speaking HTTP/2). */
    static StreamResult stream(BedrockRuntimeAsyncClient client, ConverseStreamRequest request) {
        List<String> events = new ArrayList<>();
        List<String> deltas = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        List<ContentBlockStart> starts = new ArrayList<>();
        StringBuilder toolInput = new StringBuilder();
        String[] stop = new String[1];
        ConverseStreamMetadataEvent[] metadata = new ConverseStreamMetadataEvent[1];
        Throwable[] error = new Throwable[1];
        ConverseStreamResponseHandler handler =
                ConverseStreamResponseHandler.builder()
                        .subscriber(
                                ConverseStreamResponseHandler.Visitor.builder()
                                        .onMessageStart(e -> events.add("messageStart"))
                                        .onContentBlockStart(
                                                e -> {
                                                    events.add("contentBlockStart");
                                                    starts.add(e.start());
                                                })
                                        .onContentBlockDelta(
                                                e -> {
                                                    events.add("contentBlockDelta");
                                                    times.add(System.nanoTime());
                                                    if (e.delta().text() != null) {
                                                        deltas.add(e.delta().text());
                                                    }
                                                    if (e.delta().toolUse() != null) {
                                                        toolInput.append(
                                                                e.delta().toolUse().input());
                                                    }
                                                })
                                        .onContentBlockStop(e -> events.add("contentBlockStop"))
                                        .onMessageStop(
                                                e -> {
                                                    events.add("messageStop");
                                                    stop[0] = e.stopReasonAsString();
                                                })
                                        .onMetadata(
                                                e -> {
                                                    events.add("metadata");
                                                    metadata[0] = e;
                                                })
                                        .build())
                        .onError(t -> error[0] = t)
                        .build();
        long start = System.nanoTime();
        try {
            client.converseStream(request, handler).join();
        } catch (CompletionException e) {
            error[0] = e.getCause();
        }
        return new StreamResult(
                events, deltas, times, starts, toolInput, stop[0], metadata[0], error[0], start);
    }
}
