package dev.parley.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidRequestContentException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * The Lambda Invoke stand-in, driven by the real Lambda SDK client: what it answers and refuses
 * is what Lambda answers and refuses, and an Event invocation reaches the runtime after the 202.
 */
class LocalLambdaApiTest {
    private static final long FUNCTION_MS = 400;
    private static final String QUEUE = "arn:aws:sqs:us-east-1:123456789012:parley-stream-failed";

    private HttpServer runtime;
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    /** How long the function runs unless released; a test that must see it still running raises it. */
    private volatile long holdMs = FUNCTION_MS;

    private LocalLambdaApi api;
    private LambdaClient lambda;

    @BeforeEach
    void start() throws Exception {
        // The function: records the event, answers after FUNCTION_MS (or when released).
        runtime = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        runtime.createContext(
                "/_lambda_",
                exchange -> {
                    try (exchange) {
                        delivered.add(
                                new String(
                                        exchange.getRequestBody().readAllBytes(),
                                        StandardCharsets.UTF_8));
                        try {
                            release.await(holdMs, TimeUnit.MILLISECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        // An event asking for it fails as a crashed function does (Quarkus's event
                        // server answers 500).
                        boolean crash = delivered.get(delivered.size() - 1).contains("\"crash\"");
                        byte[] answer =
                                (crash
                                                ? "{\"errorType\":\"Runtime.ExitError\",\"errorMessage\":\"signal: killed\"}"
                                                : "{\"statusCode\":200}")
                                        .getBytes(StandardCharsets.UTF_8);
                        exchange.sendResponseHeaders(crash ? 500 : 200, answer.length);
                        try (OutputStream out = exchange.getResponseBody()) {
                            out.write(answer);
                        }
                    }
                });
        runtime.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        runtime.start();
        api =
                LocalLambdaApi.start("127.0.0.1", 0, Set.of("parley-stream"))
                        .onFailure("parley-stream", Duration.ofSeconds(60), QUEUE, "parley");
        api.runtime(URI.create("http://127.0.0.1:" + runtime.getAddress().getPort() + "/_lambda_"));
        lambda =
                LambdaClient.builder()
                        .endpointOverride(api.endpoint())
                        .region(Region.US_EAST_1)
                        .credentialsProvider(
                                StaticCredentialsProvider.create(
                                        AwsBasicCredentials.create("a", "b")))
                        .httpClientBuilder(UrlConnectionHttpClient.builder())
                        .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)))
                        .build();
    }

    @AfterEach
    void stop() {
        lambda.close();
        api.close();
        runtime.stop(0);
    }

    private InvokeResponse event(String function, String payload) {
        return lambda.invoke(
                b ->
                        b.functionName(function)
                                .invocationType(InvocationType.EVENT)
                                .payload(SdkBytes.fromUtf8String(payload)));
    }

    @Test
    void anEventInvocationIsAnswered202BeforeTheFunctionRunsThenDelivered() {
        holdMs = Duration.ofSeconds(60).toMillis(); // the function runs until this test releases it
        InvokeResponse response =
                event(LocalLambdaApi.arn("parley-stream", "live"), "{\"hello\":\"stream\"}");
        assertEquals(202, response.statusCode());
        LambdaApiControl control = new LambdaApiControl(api.endpoint());
        assertEquals(
                0,
                control.invocations().get(0).completedAtMillis(),
                "answered while the function still runs");
        release.countDown();
        assertTrue(control.awaitIdle(Duration.ofSeconds(10)));
        assertEquals(List.of("{\"hello\":\"stream\"}"), delivered);
        LambdaApiControl.Invocation invocation = control.invocations().get(0);
        assertEquals("Event", invocation.type());
        assertEquals(LocalLambdaApi.arn("parley-stream", "live"), invocation.function());
        assertTrue(
                invocation.completedAtMillis() >= invocation.acceptedAtMillis(),
                "the function ran after the 202: " + invocation);
    }

    @Test
    void aFailedEventInvocationBecomesLambdasOnFailureRecordDeliveredAsAnSqsBatch()
            throws Exception {
        assertEquals(202, event("parley-stream:live", "{\"crash\":true}").statusCode());
        LambdaApiControl control = new LambdaApiControl(api.endpoint());
        assertTrue(control.awaitIdle(Duration.ofSeconds(10)));
        assertEquals(2, delivered.size(), delivered.toString());
        JsonNode batch = new ObjectMapper().readTree(delivered.get(1));
        JsonNode message = batch.path("Records").get(0);
        assertEquals(1, batch.path("Records").size());
        assertEquals("aws:sqs", message.path("eventSource").asText());
        assertEquals(QUEUE, message.path("eventSourceARN").asText());
        JsonNode record = new ObjectMapper().readTree(message.path("body").asText());
        assertEquals("RetriesExhausted", record.at("/requestContext/condition").asText());
        assertEquals(1, record.at("/requestContext/approximateInvokeCount").asInt());
        assertEquals(
                LocalLambdaApi.arn("parley-stream", "live"),
                record.at("/requestContext/functionArn").asText());
        assertEquals("{\"crash\":true}", record.path("requestPayload").toString());
        assertEquals("Unhandled", record.at("/responseContext/functionError").asText());
        assertEquals("Runtime.ExitError", record.at("/responsePayload/errorType").asText());
        assertEquals(
                java.util.HexFormat.of()
                        .formatHex(
                                java.security.MessageDigest.getInstance("MD5")
                                        .digest(
                                                message.path("body")
                                                        .asText()
                                                        .getBytes(StandardCharsets.UTF_8))),
                message.path("md5OfBody").asText());
        assertEquals(LocalLambdaApi.arn("parley", null), control.invocations().get(1).function());
    }

    @Test
    void anEventMarkedExpiredNeverRunsAndItsRecordSaysEventAgeExceeded() throws Exception {
        LambdaApiControl control = new LambdaApiControl(api.endpoint());
        control.expireNext("parley-stream");
        assertEquals(202, event("parley-stream", "{\"n\":1}").statusCode());
        assertTrue(control.awaitIdle(Duration.ofSeconds(10)));
        assertEquals(1, delivered.size(), "only the record was delivered: " + delivered);
        JsonNode record =
                new ObjectMapper()
                        .readTree(
                                new ObjectMapper()
                                        .readTree(delivered.get(0))
                                        .at("/Records/0/body")
                                        .asText());
        assertEquals("EventAgeExceeded", record.at("/requestContext/condition").asText());
        assertEquals(0, record.at("/requestContext/approximateInvokeCount").asInt());
        assertTrue(record.path("responseContext").isMissingNode());
        // Only the next one: the event after it runs.
        assertEquals(202, event("parley-stream", "{\"n\":2}").statusCode());
        assertTrue(control.awaitIdle(Duration.ofSeconds(10)));
        assertEquals("{\"n\":2}", delivered.get(1));
    }

    @Test
    void everyFormOfTheFunctionNameIsAccepted() {
        for (String name :
                List.of(
                        "parley-stream",
                        "parley-stream:live",
                        "123456789012:function:parley-stream",
                        "arn:aws:lambda:us-east-1:123456789012:function:parley-stream:$LATEST")) {
            assertEquals(202, event(name, "{}").statusCode(), name);
        }
    }

    @Test
    void anUnknownFunctionOrAliasIs404ResourceNotFound() {
        for (String name : List.of("parley-other", "parley-stream:nope")) {
            ResourceNotFoundException e =
                    assertThrows(ResourceNotFoundException.class, () -> event(name, "{}"));
            assertEquals(404, e.statusCode());
            assertTrue(
                    e.awsErrorDetails()
                            .errorMessage()
                            .startsWith("Function not found: arn:aws:lambda:"),
                    e.getMessage());
        }
        new LambdaApiControl(api.endpoint()).remove("parley-stream");
        assertThrows(ResourceNotFoundException.class, () -> event("parley-stream", "{}"));
        assertTrue(delivered.isEmpty());
    }

    @Test
    void anEventPayloadOver1MbIs413RequestEntityTooLarge() {
        // Lambda's asynchronous payload quota: 1 MB (API reference, Invoke).
        String filler = "x".repeat(LocalLambdaApi.MAX_ASYNC_PAYLOAD - 8);
        assertEquals(
                202,
                event("parley-stream", "{\"a\":\"" + filler + "\"}").statusCode(),
                "exactly 1 MB is accepted");
        LambdaException e =
                assertThrows(
                        LambdaException.class,
                        () -> event("parley-stream", "{\"a\":\"" + filler + "x\"}"));
        assertEquals(413, e.statusCode());
        assertEquals("RequestEntityTooLargeException", e.awsErrorDetails().errorCode());
        assertEquals(
                (LocalLambdaApi.MAX_ASYNC_PAYLOAD + 1)
                        + " byte payload is too large for the Event invocation type"
                        + " (limit 1048576 bytes)",
                e.awsErrorDetails().errorMessage());
    }

    @Test
    void aPayloadThatIsNotJsonIs400InvalidRequestContent() {
        InvalidRequestContentException e =
                assertThrows(
                        InvalidRequestContentException.class,
                        () -> event("parley-stream", "{not json"));
        assertEquals(400, e.statusCode());
    }

    @Test
    void aRequestResponseInvocationAnswersTheFunctionsResult() {
        release.countDown();
        InvokeResponse response =
                lambda.invoke(
                        b ->
                                b.functionName("parley-stream")
                                        .payload(SdkBytes.fromUtf8String("{}")));
        assertEquals(200, response.statusCode());
        assertNull(response.functionError());
        assertEquals("{\"statusCode\":200}", response.payload().asUtf8String());
        assertEquals(
                204,
                lambda.invoke(
                                b ->
                                        b.functionName("parley-stream")
                                                .invocationType(InvocationType.DRY_RUN)
                                                .payload(SdkBytes.fromUtf8String("{}")))
                        .statusCode());
    }
}
