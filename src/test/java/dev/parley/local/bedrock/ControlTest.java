package dev.parley.local.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;

/** The /_emulator endpoints: script queue, call log, reset; plus raw wire checks. */
class ControlTest extends EmulatorTestSupport {

    private static String reply(String modelId) {
        return client.converse(r -> r.modelId(modelId).messages(user("Hi")))
                .output()
                .message()
                .content()
                .get(0)
                .text();
    }

    private static HttpResponse<String> raw(String method, String path, String body)
            throws Exception {
        HttpRequest request =
                HttpRequest.newBuilder(emulator.endpoint().resolve(path))
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body))
                        .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void callsAreRecordedWithOperationDecodedModelIdAndBody() {
        long before = System.currentTimeMillis();
        client.converse(r -> r.modelId(NOVA_MICRO).messages(user("Hi")));
        client.invokeModel(
                r ->
                        r.modelId(CLAUDE_HAIKU)
                                .body(SdkBytes.fromUtf8String(InvokeTest.ANTHROPIC_BODY)));
        assertThrows(
                RuntimeException.class,
                () -> client.converse(r -> r.modelId("nope").messages(user("Hi"))));

        List<JsonNode> calls = control.calls();

        assertEquals(3, calls.size());
        assertEquals("converse", calls.get(0).path("operation").asText());
        assertEquals(NOVA_MICRO, calls.get(0).path("modelId").asText());
        assertEquals(
                "Hi",
                calls.get(0)
                        .path("body")
                        .path("messages")
                        .path(0)
                        .path("content")
                        .path(0)
                        .path("text")
                        .asText());
        assertTrue(calls.get(0).path("receivedAt").asLong() >= before);
        assertEquals("invoke", calls.get(1).path("operation").asText());
        assertEquals(
                "bedrock-2023-05-31", calls.get(1).path("body").path("anthropic_version").asText());
        assertEquals("nope", calls.get(2).path("modelId").asText());

        control.reset();
        assertTrue(control.calls().isEmpty());
    }

    @Test
    void scriptQueueIsFifoPerModelAndFallsBackToTheDefault() {
        control.scriptText(CLAUDE_HAIKU, "for haiku");
        control.scriptText(null, "for anyone");
        control.script("{\"reply\": {\"text\": \"twice\"}, \"times\": 2}");

        assertEquals("for anyone", reply(NOVA_MICRO));
        assertEquals("for haiku", reply(CLAUDE_HAIKU));
        assertEquals("twice", reply(CLAUDE_HAIKU));
        assertEquals("twice", reply(NOVA_MICRO));
        assertEquals("You said: \"Hi\"", reply(NOVA_MICRO));
    }

    @Test
    void resetClearsTheQueueAndLatency() {
        control.scriptText(null, "scripted");
        control.latency(5_000, 5_000);
        control.reset();

        var response = client.converse(r -> r.modelId(NOVA_MICRO).messages(user("Hi")));
        assertEquals("You said: \"Hi\"", response.output().message().content().get(0).text());
        // The emulator's own measure of the call: the 5 s first-token latency is gone.
        assertTrue(
                response.metrics().latencyMs() < 5_000,
                "latency after reset: " + response.metrics());
    }

    @Test
    void scriptedDelayAndStopReasonOverride() {
        control.script(
                "{\"reply\": {\"text\": \"late\"}, \"delayMs\": 200, \"stopReason\": \"max_tokens\"}");
        long start = System.nanoTime();

        var response = client.converse(r -> r.modelId(NOVA_MICRO).messages(user("Hi")));

        assertTrue((System.nanoTime() - start) / 1_000_000 >= 200);
        assertEquals("max_tokens", response.stopReasonAsString());
    }

    @Test
    void badScriptEntriesAreRefused() {
        assertThrows(IllegalStateException.class, () -> control.script("{\"reply\": {}}"));
        assertThrows(
                IllegalStateException.class,
                () -> control.scriptError(null, "NoSuchException", "x"));
        assertThrows(IllegalStateException.class, () -> control.script("not json"));
        assertEquals("You said: \"Hi\"", reply(NOVA_MICRO));
    }

    @Test
    void errorsOnTheWireCarryTheTypeHeaderAndAMessageBody() throws Exception {
        HttpResponse<String> invalid =
                raw("POST", "/model/amazon.nova-micro-v1%3A0/converse", "{\"messages\": []}");
        assertEquals(400, invalid.statusCode());
        assertEquals(
                "ValidationException",
                invalid.headers().firstValue("x-amzn-ErrorType").orElseThrow());
        assertTrue(
                ToolUseTest.json(invalid.body())
                        .path("message")
                        .asText()
                        .startsWith("A conversation must start"));

        HttpResponse<String> unknownRoute = raw("GET", "/provisioned-model-throughputs", null);
        assertEquals(404, unknownRoute.statusCode());
        assertEquals(
                "UnknownOperationException",
                unknownRoute.headers().firstValue("x-amzn-ErrorType").orElseThrow());

        assertEquals(404, raw("POST", "/_emulator/nothing", "{}").statusCode());
        assertEquals(405, raw("POST", "/_emulator/calls", "{}").statusCode());
    }

    @Test
    void concurrentCallsAreAllAnsweredAndRecorded() throws Exception {
        control.latency(50, 0);
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<String>> replies = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                String question = "Question " + i;
                replies.add(
                        pool.submit(
                                () ->
                                        client.converse(
                                                        r ->
                                                                r.modelId(NOVA_MICRO)
                                                                        .messages(user(question)))
                                                .output()
                                                .message()
                                                .content()
                                                .get(0)
                                                .text()));
            }
            Set<String> distinct = new HashSet<>();
            for (int i = 0; i < replies.size(); i++) {
                String text = replies.get(i).get();
                assertEquals("You said: \"Question " + i + "\"", text);
                distinct.add(text);
            }
            assertEquals(24, distinct.size());
            assertEquals(24, control.calls().size());
        } finally {
            pool.shutdownNow();
        }
    }
}
