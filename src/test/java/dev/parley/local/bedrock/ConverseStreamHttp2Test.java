package dev.parley.local.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.ProtocolNegotiation;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;

/**
 * ConverseStream over HTTP/2, the async client's production transport (the other stream tests
 * force HTTP/1.1 against the plain-HTTP emulator): the same event stream arrives whole over h2c,
 * and several streams share one connection side by side.
 */
class ConverseStreamHttp2Test extends EmulatorTestSupport {

    static H2cFront front;
    static BedrockRuntimeAsyncClient http2Client;

    @BeforeAll
    static void startFront() {
        front = H2cFront.start(emulator.endpoint());
        http2Client =
                BedrockRuntimeAsyncClient.builder()
                        .region(Region.US_EAST_1)
                        .credentialsProvider(
                                StaticCredentialsProvider.create(
                                        AwsBasicCredentials.create("test", "test")))
                        .endpointOverride(front.endpoint())
                        .httpClientBuilder(
                                NettyNioAsyncHttpClient.builder()
                                        .protocol(Protocol.HTTP2)
                                        .protocolNegotiation(ProtocolNegotiation.ASSUME_PROTOCOL)
                                        .maxConcurrency(4))
                        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                        .build();
    }

    @AfterAll
    static void stopFront() {
        http2Client.close();
        front.close();
    }

    private static ConverseStreamRequest question(String text) {
        return ConverseStreamRequest.builder().modelId(NOVA_MICRO).messages(user(text)).build();
    }

    @Test
    void aStreamArrivesWholeOverHttp2() {
        StreamResult overHttp2 = stream(http2Client, question("one two three four five"));
        StreamResult overHttp1 = stream(question("one two three four five"));
        assertNull(overHttp2.error());
        assertEquals(overHttp1.text(), overHttp2.text());
        assertEquals(overHttp1.events(), overHttp2.events());
        assertEquals("end_turn", overHttp2.stopReason());
        assertEquals(Set.of("HTTP_2"), front.versionsSeen(), "the SDK spoke HTTP/2 to the front");
    }

    @Test
    void severalStreamsRunSideBySideOnHttp2() {
        control.latency(0, 20);
        List<CompletableFuture<StreamResult>> streams = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String text = "stream " + i + " says hello";
            streams.add(CompletableFuture.supplyAsync(() -> stream(http2Client, question(text))));
        }
        for (int i = 0; i < 4; i++) {
            StreamResult result = streams.get(i).join();
            assertNull(result.error());
            assertTrue(result.text().contains("stream " + i + " says hello"), result.text());
        }
        assertEquals(Set.of("HTTP_2"), front.versionsSeen());
    }
}
