package dev.parley.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.lambda.ParleyHandler;
import dev.parley.local.LocalApiGateway;
import dev.parley.local.LocalManagementApi;
import dev.parley.local.LocalRuntimeApi;
import dev.parley.local.LocalStreamFunction;
import dev.parley.testing.Emulator;
import dev.parley.testing.Lambda;
import dev.parley.testing.MovableClock;
import dev.parley.testing.StandInsResource;
import io.quarkus.arc.Arc;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stream function end to end, as the local run wires it: the local gateway sends the
 * streaming routes to the deployed runtime loop ({@link StreamRuntime}) through the Runtime API
 * stand-in. {@code POST /v1/chat} as server-sent events arrives while the model produces it and
 * is stored as the WebSocket stores it; a model failure mid-stream is an error event, the stream's
 * error trailers and no stored turn; a client that disconnects stops the turn, which is not stored;
 * CORS preflights and responses carry the allowed origin.
 */
@QuarkusTest
@QuarkusTestResource(StandInsResource.class)
class StreamFunctionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER = "stream-user";

    private final HttpClient http =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
    private LocalManagementApi management;
    private LocalApiGateway gateway;
    private LocalStreamFunction function;
    @Inject MovableClock clock;

    /** One server-sent event. */
    private record Event(String type, JsonNode data) {}

    @BeforeEach
    void start() throws Exception {
        Emulator.control().reset();
        management = LocalManagementApi.start("127.0.0.1", 0);
        URI runtime =
                URI.create(RestAssured.baseURI + ":" + RestAssured.port + RestAssured.basePath);
        gateway = LocalApiGateway.start("127.0.0.1", 0, runtime, management);
        function = LocalStreamFunction.start(2);
        gateway.streamFunction(function);
    }

    @AfterEach
    void stop() {
        Emulator.control().reset();
        function.close();
        gateway.close();
        management.close();
    }

    @Test
    void chatEventsArriveAsProducedAndTheTurnIsStored() throws Exception {
        // The emulator holds each delta until released: event k must reach the client before delta
        // k+1 is released (an order, not spacing on the clock, so load cannot break it).
        Emulator.control().holdDeltas();
        List<Event> events = new CopyOnWriteArrayList<>();
        CompletableFuture<List<Event>> read =
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return chatEvents(
                                        "{\"message\": \"one two three four five six seven eight\"}",
                                        events);
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        });
        int released = 0;
        while (!read.isDone()) {
            long before = deltaCount(events);
            Emulator.control().releaseDeltas(1);
            released++;
            Awaitility.await(
                            "delta "
                                    + released
                                    + " before delta "
                                    + (released + 1)
                                    + " is released")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> deltaCount(events) > before || read.isDone());
            assertTrue(released < 100, "the stream never ended");
        }
        read.get();

        assertEquals("start", events.get(0).type(), events.toString());
        assertEquals("end", events.get(events.size() - 1).type(), events.toString());
        List<Event> deltas = events.stream().filter(e -> e.type().equals("delta")).toList();
        assertTrue(deltas.size() >= 8, "one delta per word: " + events);
        StringBuilder text = new StringBuilder();
        deltas.forEach(d -> text.append(d.data().path("text").asText()));
        assertEquals("You said: \"one two three four five six seven eight\"", text.toString());

        String id = events.get(0).data().path("conversationId").asText();
        assertEquals(id, events.get(events.size() - 1).data().path("conversationId").asText());
        Lambda.ProxyResult stored = conversation(id);
        assertEquals(200, stored.status(), stored.toString());
        assertEquals(1, stored.body().path("turns").asInt());
        assertEquals(
                text.toString(),
                stored.body().path("messages").get(1).path("content").get(0).path("text").asText());
    }

    @Test
    void aModelFailureMidStreamIsAnErrorEventAndNothingIsStored() throws Exception {
        Emulator.control()
                .script(
                        "{\"reply\": {\"text\": \"one two three four five six\"}, \"streamErrorAfterDeltas\": 2}");
        List<Event> events = chatEvents("{\"message\": \"tell me about the festival\"}");

        assertEquals("start", events.get(0).type(), events.toString());
        assertTrue(events.stream().anyMatch(e -> e.type().equals("delta")), events.toString());
        Event last = events.get(events.size() - 1);
        assertEquals("error", last.type(), events.toString());
        assertFalse(last.data().path("error").path("code").asText().isEmpty(), last.toString());
        assertFalse(events.stream().anyMatch(e -> e.type().equals("end")), events.toString());
        assertEquals(
                404,
                conversation(events.get(0).data().path("conversationId").asText()).status(),
                "a failed streamed turn is not stored");
    }

    @Test
    void aFailureMidStreamReachesLambdaInTheErrorTrailers() throws Exception {
        Emulator.control()
                .script(
                        "{\"reply\": {\"text\": \"one two three four five six\"}, \"streamErrorAfterDeltas\": 2}");
        JsonNode event =
                Lambda.http(
                        "POST",
                        "/openai/v1/chat/completions",
                        "{\"model\": \"nova-micro\", \"stream\": true, \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}");
        CompletableFuture<Integer> status = new CompletableFuture<>();
        CompletableFuture<Map<String, String>> trailers = new CompletableFuture<>();
        StringBuilder body = new StringBuilder();
        function.runtimeApi()
                .invoke(
                        JSON.writeValueAsBytes(event),
                        Duration.ofMinutes(1),
                        new LocalRuntimeApi.Receiver() {
                            @Override
                            public void head(
                                    int code, Map<String, String> headers, List<String> cookies) {
                                status.complete(code);
                            }

                            @Override
                            public void chunk(byte[] bytes) {
                                body.append(new String(bytes, StandardCharsets.UTF_8));
                            }

                            @Override
                            public void end(Map<String, String> fields) {
                                trailers.complete(fields);
                            }

                            @Override
                            public void whole(byte[] answer) {
                                trailers.completeExceptionally(
                                        new AssertionError("an HTTP event was answered buffered"));
                            }

                            @Override
                            public void failed(String detail) {
                                trailers.completeExceptionally(new AssertionError(detail));
                            }
                        });
        Map<String, String> fields = trailers.get(30, TimeUnit.SECONDS);
        assertEquals(200, status.get());
        assertTrue(body.toString().contains("\"delta\""), body.toString());
        assertFalse(body.toString().contains("[DONE]"), body.toString());
        String type = fields.get("lambda-runtime-function-error-type");
        assertTrue(type != null && !type.isEmpty(), "error trailers: " + fields);
        JsonNode error =
                JSON.readTree(
                        Base64.getDecoder()
                                .decode(fields.get("lambda-runtime-function-error-body")));
        assertEquals(type, error.path("errorType").asText());
    }

    @Test
    void aClientThatDisconnectsStopsTheTurnAndNothingIsStored() throws Exception {
        Emulator.control().latency(0, 200);
        String message = "a b c d e f g h i j k l m n o p q r s t u v w x y z";
        String id;
        long callsBefore = usageCalls();
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            byte[] body = ("{\"message\": \"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(
                    ("POST /v1/chat HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\nX-Local-User: "
                                    + USER
                                    + "\r\nContent-Type: application/json\r\nContent-Length: "
                                    + body.length
                                    + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            BufferedReader in =
                    new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String startData = null;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("data: ") && line.contains("\"type\":\"start\"")) {
                    startData = line.substring(6);
                }
                if (line.startsWith("data: ") && line.contains("\"type\":\"delta\"")) {
                    break; // the first token is here: hang up
                }
            }
            assertTrue(startData != null, "a start event before the first delta");
            id = JSON.readTree(startData).path("conversationId").asText();
        }
        // The function reads Bedrock's stream to its end after the client left and charges the
        // whole
        // reply (docs/warm-path.md); that charge is the turn's last step, after any store would
        // have
        // happened. Wait for it, then check nothing was stored.
        Awaitility.await("the abandoned turn is charged")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> usageCalls() > callsBefore);
        assertEquals(callsBefore + 1, usageCalls(), "the abandoned turn is charged once");
        assertEquals(
                404,
                conversation(id).status(),
                "the turn of a client that went away is not stored");
    }

    @Test
    void corsPreflightsAndResponsesCarryTheAllowedOrigin() throws Exception {
        try (LocalRuntimeApi api = LocalRuntimeApi.start()) {
            StreamRuntime runtime =
                    new StreamRuntime(
                            Arc.container().instance(ParleyHandler.class).get(),
                            JSON,
                            new Cors(List.of("https://app.example.com")),
                            Arc.container()
                                    .instance(dev.parley.afterresponse.AfterResponse.class)
                                    .get());
            RuntimeApi client = new RuntimeApi(api.address(), JSON);

            ObjectNode preflight = Lambda.http("OPTIONS", "/v1/chat", null);
            preflight
                    .putObject("headers")
                    .put("Origin", "https://app.example.com")
                    .put("Access-Control-Request-Method", "POST");
            Head answered = head(api, runtime, client, preflight);
            assertEquals(204, answered.status());
            assertEquals(
                    "https://app.example.com",
                    answered.headers().get("Access-Control-Allow-Origin"));
            assertEquals("POST,OPTIONS", answered.headers().get("Access-Control-Allow-Methods"));

            ObjectNode chat =
                    Lambda.as(
                            USER, Lambda.http("POST", "/v1/chat", Map.of("message", "Hello CORS")));
            ((ObjectNode) chat.get("headers")).put("origin", "https://app.example.com");
            Head created = head(api, runtime, client, chat);
            assertEquals(201, created.status());
            assertEquals(
                    "https://app.example.com",
                    created.headers().get("Access-Control-Allow-Origin"));

            ObjectNode other = Lambda.http("OPTIONS", "/v1/chat", null);
            other.putObject("headers").put("origin", "https://evil.example");
            assertFalse(
                    head(api, runtime, client, other)
                            .headers()
                            .containsKey("Access-Control-Allow-Origin"));
        }
    }

    @Test
    void aStreamedAnswerOfALegacyModelCarriesTheWarningHeaders() throws Exception {
        // Inside claude-sonnet-4-5's legacy period (2026-10-08 to 2027-04-08), whatever day the
        // suite runs on.
        clock.set(Instant.parse("2026-12-05T12:00:00Z"));
        try (LocalRuntimeApi api = LocalRuntimeApi.start()) {
            StreamRuntime runtime =
                    new StreamRuntime(
                            Arc.container().instance(ParleyHandler.class).get(),
                            JSON,
                            new Cors(List.of()),
                            Arc.container()
                                    .instance(dev.parley.afterresponse.AfterResponse.class)
                                    .get());
            RuntimeApi client = new RuntimeApi(api.address(), JSON);

            ObjectNode chat =
                    Lambda.as(
                            USER,
                            Lambda.http(
                                    "POST",
                                    "/v1/chat",
                                    Map.of(
                                            "message",
                                            "Still on the old model",
                                            "model",
                                            "claude-sonnet-4-5")));
            ((ObjectNode) chat.get("headers")).put("accept", "text/event-stream");
            Head events = head(api, runtime, client, chat);
            assertEquals(200, events.status(), events.toString());
            assertTrue(
                    events.headers().get("Content-Type").startsWith("text/event-stream"),
                    events.toString());
            assertTrue(events.headers().get("Deprecation").startsWith("@"), events.toString());
            assertEquals("Thu, 08 Apr 2027 00:00:00 GMT", events.headers().get("Sunset"));
            assertTrue(
                    events.headers().get("Link").startsWith("</v1/models/claude-sonnet-4-6>"),
                    events.toString());
            assertEquals(
                    "this model is legacy since 2026-10-08 and retires on 2027-04-08; move to claude-sonnet-4-6",
                    events.headers().get("X-Parley-Warning"),
                    events.toString());

            Head completion =
                    head(
                            api,
                            runtime,
                            client,
                            Lambda.http(
                                    "POST",
                                    "/openai/v1/chat/completions",
                                    Map.of(
                                            "model",
                                            "claude-sonnet-4-5",
                                            "stream",
                                            true,
                                            "messages",
                                            List.of(Map.of("role", "user", "content", "Hi")))));
            assertTrue(
                    completion.headers().get("Deprecation").startsWith("@"), completion.toString());
            assertTrue(
                    completion
                            .headers()
                            .get("Link")
                            .startsWith("</openai/v1/models/claude-sonnet-4-6>"),
                    completion.toString());
            assertTrue(
                    completion.headers().get("X-Parley-Warning").startsWith("this model is legacy"),
                    completion.toString());

            Head active =
                    head(
                            api,
                            runtime,
                            client,
                            Lambda.http(
                                    "POST",
                                    "/openai/v1/chat/completions",
                                    Map.of(
                                            "model",
                                            "nova-micro",
                                            "stream",
                                            true,
                                            "messages",
                                            List.of(Map.of("role", "user", "content", "Hi")))));
            assertFalse(active.headers().containsKey("Deprecation"), active.toString());
            assertFalse(active.headers().containsKey("X-Parley-Warning"), active.toString());
        } finally {
            clock.reset();
        }
    }

    @Test
    void aRoutesOwnWarningsKnownBeforeTheFirstByteAreInTheStreamedHead() throws Exception {
        try (LocalRuntimeApi api = LocalRuntimeApi.start()) {
            StreamRuntime runtime =
                    new StreamRuntime(
                            Arc.container().instance(ParleyHandler.class).get(),
                            JSON,
                            new Cors(List.of()),
                            Arc.container()
                                    .instance(dev.parley.afterresponse.AfterResponse.class)
                                    .get());
            RuntimeApi client = new RuntimeApi(api.address(), JSON);
            Map<String, Object> function =
                    Map.of(
                            "type",
                            "function",
                            "name",
                            "lookup",
                            "parameters",
                            Map.of("type", "object", "properties", Map.of()));

            Head responses =
                    head(
                            api,
                            runtime,
                            client,
                            Lambda.http(
                                    "POST",
                                    "/openai/v1/responses",
                                    Map.of(
                                            "model",
                                            "nova-micro",
                                            "stream",
                                            true,
                                            "input",
                                            "Hi",
                                            "tools",
                                            List.of(Map.of("type", "web_search"), function))));
            assertEquals(200, responses.status(), responses.toString());
            assertTrue(
                    responses.headers().get("Content-Type").startsWith("text/event-stream"),
                    responses.toString());
            assertEquals(
                    "tools left out (Parley cannot run them): web_search",
                    responses.headers().get("X-Parley-Warning"),
                    responses.toString());

            Head messages =
                    head(
                            api,
                            runtime,
                            client,
                            Lambda.http(
                                    "POST",
                                    "/anthropic/v1/messages",
                                    Map.of(
                                            "model",
                                            "nova-micro",
                                            "stream",
                                            true,
                                            "max_tokens",
                                            100,
                                            "messages",
                                            List.of(Map.of("role", "user", "content", "Hi")),
                                            "tools",
                                            List.of(
                                                    Map.of(
                                                            "type",
                                                            "web_search_20250305",
                                                            "name",
                                                            "web_search")))));
            assertEquals(200, messages.status(), messages.toString());
            assertTrue(
                    messages.headers().get("X-Parley-Warning").contains("web_search"),
                    messages.toString());
            assertTrue(messages.headers().containsKey("request-id"), messages.toString());

            // Without anything to warn of, no header.
            Head plain =
                    head(
                            api,
                            runtime,
                            client,
                            Lambda.http(
                                    "POST",
                                    "/openai/v1/responses",
                                    Map.of("model", "nova-micro", "stream", true, "input", "Hi")));
            assertFalse(plain.headers().containsKey("X-Parley-Warning"), plain.toString());
        }
    }

    @Test
    void unknownChatFieldsAreNamedInTheStreamedHead() throws Exception {
        try (LocalRuntimeApi api = LocalRuntimeApi.start()) {
            StreamRuntime runtime =
                    new StreamRuntime(
                            Arc.container().instance(ParleyHandler.class).get(),
                            JSON,
                            new Cors(List.of()),
                            Arc.container()
                                    .instance(dev.parley.afterresponse.AfterResponse.class)
                                    .get());
            RuntimeApi client = new RuntimeApi(api.address(), JSON);

            ObjectNode misplaced =
                    Lambda.as(
                            USER,
                            Lambda.http(
                                    "POST",
                                    "/v1/chat",
                                    Map.of("message", "Hi", "temperature", 0.2)));
            ((ObjectNode) misplaced.get("headers")).put("accept", "text/event-stream");
            Head events = head(api, runtime, client, misplaced);
            assertEquals(200, events.status(), events.toString());
            assertTrue(
                    events.headers().get("Content-Type").startsWith("text/event-stream"),
                    events.toString());
            assertEquals(
                    "unknown field(s) ignored: temperature (did you mean inferenceConfig.temperature?)",
                    events.headers().get("X-Parley-Warning"),
                    events.toString());

            ObjectNode clean =
                    Lambda.as(USER, Lambda.http("POST", "/v1/chat", Map.of("message", "Hi")));
            ((ObjectNode) clean.get("headers")).put("accept", "text/event-stream");
            Head plain = head(api, runtime, client, clean);
            assertEquals(200, plain.status(), plain.toString());
            assertFalse(plain.headers().containsKey("X-Parley-Warning"), plain.toString());
        }
    }

    private record Head(int status, Map<String, String> headers) {}

    /** Runs one invocation through {@code runtime} and returns the head of its streamed response. */
    private static Head head(
            LocalRuntimeApi api, StreamRuntime runtime, RuntimeApi client, JsonNode event)
            throws Exception {
        CompletableFuture<Head> head = new CompletableFuture<>();
        api.invoke(
                JSON.writeValueAsBytes(event),
                Duration.ofMinutes(1),
                new LocalRuntimeApi.Receiver() {
                    @Override
                    public void head(
                            int status, Map<String, String> headers, List<String> cookies) {
                        head.complete(new Head(status, headers));
                    }

                    @Override
                    public void chunk(byte[] bytes) {}

                    @Override
                    public void end(Map<String, String> trailers) {}

                    @Override
                    public void whole(byte[] body) {
                        head.completeExceptionally(new AssertionError("answered buffered"));
                    }

                    @Override
                    public void failed(String detail) {
                        head.completeExceptionally(new AssertionError(detail));
                    }
                });
        runtime.invoke(client, client.next());
        return head.get(30, TimeUnit.SECONDS);
    }

    private List<Event> chatEvents(String body) throws Exception {
        return chatEvents(body, new CopyOnWriteArrayList<>());
    }

    private static long deltaCount(List<Event> events) {
        return events.stream().filter(e -> e.type().equals("delta")).count();
    }

    /** The events of a streamed chat, added to {@code events} as they arrive. */
    private List<Event> chatEvents(String body, List<Event> events) throws Exception {
        HttpResponse<java.util.stream.Stream<String>> response =
                http.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                "http://127.0.0.1:" + gateway.port() + "/v1/chat"))
                                .header("Accept", "text/event-stream")
                                .header("X-Local-User", USER)
                                .header("Content-Type", "application/json")
                                .timeout(Duration.ofSeconds(60))
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        assertTrue(
                response.headers()
                        .firstValue("Content-Type")
                        .orElse("")
                        .startsWith("text/event-stream"));
        List<String> pendingType = new ArrayList<>();
        response.body()
                .forEach(
                        line -> {
                            if (line.startsWith("event: ")) {
                                pendingType.add(line.substring(7));
                            } else if (line.startsWith("data: ")) {
                                try {
                                    events.add(
                                            new Event(
                                                    pendingType.remove(pendingType.size() - 1),
                                                    JSON.readTree(line.substring(6))));
                                } catch (java.io.IOException e) {
                                    throw new java.io.UncheckedIOException(e);
                                }
                            }
                        });
        return events;
    }

    /** The calls in USER's usage today (GET /v1/usage). */
    private static long usageCalls() {
        Lambda.ProxyResult usage =
                Lambda.invoke(Lambda.as(USER, Lambda.http("GET", "/v1/usage", null)));
        assertEquals(200, usage.status(), usage.toString());
        return usage.body().path("total").path("calls").asLong();
    }

    private static Lambda.ProxyResult conversation(String id) {
        return Lambda.invoke(Lambda.as(USER, Lambda.http("GET", "/v1/conversations/" + id, null)));
    }
}
