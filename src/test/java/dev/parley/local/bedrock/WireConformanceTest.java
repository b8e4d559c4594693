package dev.parley.local.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.eventstream.Message;
import software.amazon.awssdk.eventstream.MessageDecoder;

/**
 * The emulator's raw answers, checked against Bedrock Runtime's official service model (botocore's
 * service-2.json) rather than against the emulator's own idea of it: every Converse response shape
 * (text, tool use, reasoning, signed thinking), every ConverseStream event type including the
 * exception events, and the error bodies.
 */
class WireConformanceTest extends EmulatorTestSupport {
    private static ServiceModel model;
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String TOOLS =
            """
            {"tools": [{"toolSpec": {"name": "calculator", "description": "Evaluate an arithmetic expression.",
              "inputSchema": {"json": {"type": "object", "properties": {"expression": {"type": "string"}},
              "required": ["expression"]}}}}]}""";

    @BeforeAll
    static void loadModel() throws Exception {
        model = ServiceModel.load();
    }

    record Raw(int status, String errorType, byte[] body) {}

    private static Raw post(String modelId, String operation, String body) throws Exception {
        HttpResponse<byte[]> response =
                HTTP.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                emulator.endpoint()
                                                        + "/model/"
                                                        + URLEncoder.encode(
                                                                modelId, StandardCharsets.UTF_8)
                                                        + "/"
                                                        + operation))
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .header("Content-Type", "application/json")
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        return new Raw(
                response.statusCode(),
                response.headers().firstValue("x-amzn-ErrorType").orElse(null),
                response.body());
    }

    private static String request(String text, String extra) {
        return "{\"messages\": [{\"role\": \"user\", \"content\": [{\"text\": \""
                + text
                + "\"}]}]"
                + (extra.isEmpty() ? "" : ", " + extra)
                + "}";
    }

    private static final String THINKING =
            "\"inferenceConfig\": {\"maxTokens\": 4000}, \"additionalModelRequestFields\":"
                    + " {\"thinking\": {\"type\": \"enabled\", \"budget_tokens\": 2000}}";

    /** The Converse scenarios: what each answers must conform, and which content blocks it must carry. */
    private static final List<String[]> SCENARIOS =
            List.of(
                    new String[] {NOVA_MICRO, request("Hello there", ""), "text"},
                    new String[] {
                        NOVA_MICRO, request("What is 2 + 3?", "\"toolConfig\": " + TOOLS), "toolUse"
                    },
                    new String[] {
                        "us.deepseek.r1-v1:0",
                        request("Why is the sky blue?", ""),
                        "reasoningContent"
                    },
                    new String[] {
                        "us.anthropic.claude-haiku-4-5-20251001-v1:0",
                        request("What is 2 + 3?", "\"toolConfig\": " + TOOLS + ", " + THINKING),
                        "reasoningContent"
                    });

    @Test
    void converseAnswersConformToConverseResponse() throws Exception {
        for (String[] scenario : SCENARIOS) {
            Raw raw = post(scenario[0], "converse", scenario[1]);
            assertEquals(200, raw.status(), new String(raw.body(), StandardCharsets.UTF_8));
            JsonNode body = Json.MAPPER.readTree(raw.body());
            assertEquals(
                    List.of(),
                    model.violations(body, "ConverseResponse"),
                    scenario[0] + ": " + body);
            assertTrue(
                    body.at("/output/message/content").findParent(scenario[2]) != null,
                    body.toString());
        }
    }

    @Test
    void everyConverseStreamEventConformsToItsEventShape() throws Exception {
        Set<String> seen = new LinkedHashSet<>();
        for (String[] scenario : SCENARIOS) {
            for (Message event : events(post(scenario[0], "converse-stream", scenario[1]))) {
                seen.add(checkEvent(event, scenario[0]));
            }
        }
        assertTrue(
                seen.containsAll(
                        Set.of(
                                "messageStart",
                                "contentBlockStart",
                                "contentBlockDelta",
                                "contentBlockStop",
                                "messageStop",
                                "metadata")),
                seen.toString());
    }

    @Test
    void exceptionEventsAndErrorBodiesConform() throws Exception {
        Set<String> seen = new LinkedHashSet<>();
        for (String type :
                List.of(
                        "ModelStreamErrorException",
                        "ThrottlingException",
                        "ValidationException",
                        "InternalServerException",
                        "ServiceUnavailableException")) {
            control.script(
                    "{\"reply\": {\"error\": {\"type\": \""
                            + type
                            + "\", \"message\": \"scripted\"}},"
                            + " \"streamErrorAfterDeltas\": 1}");
            List<Message> events =
                    events(post(NOVA_MICRO, "converse-stream", request("Hello there", "")));
            Message last = events.get(events.size() - 1);
            assertEquals("exception", last.getHeaders().get(":message-type").getString());
            seen.add(checkEvent(last, type));
        }
        assertTrue(seen.size() >= 3, seen.toString());

        Raw refused =
                post(
                        "us.deepseek.r1-v1:0",
                        "converse",
                        request("What is 2 + 3?", "\"toolConfig\": " + TOOLS));
        assertEquals(400, refused.status());
        assertEquals("ValidationException", refused.errorType());
        JsonNode body = Json.MAPPER.readTree(refused.body());
        assertEquals(List.of(), model.violations(body, "ValidationException"), body.toString());
    }

    /** Checks one event against the ConverseStreamOutput member its {@code :event-type} / {@code :exception-type} names. */
    private static String checkEvent(Message event, String scenario) throws Exception {
        String messageType = event.getHeaders().get(":message-type").getString();
        String name =
                messageType.equals("event")
                        ? event.getHeaders().get(":event-type").getString()
                        : event.getHeaders().get(":exception-type").getString();
        String shape = model.memberShape("ConverseStreamOutput", name);
        assertNotNull(shape, scenario + ": '" + name + "' is not a ConverseStreamOutput member");
        JsonNode payload = Json.MAPPER.readTree(event.getPayload());
        assertEquals(
                List.of(),
                model.violations(payload, shape),
                scenario + " " + name + ": " + payload);
        return name;
    }

    private static List<Message> events(Raw raw) {
        assertEquals(200, raw.status(), new String(raw.body(), StandardCharsets.UTF_8));
        List<Message> events = new ArrayList<>();
        MessageDecoder decoder = new MessageDecoder(events::add);
        decoder.feed(ByteBuffer.wrap(raw.body()));
        assertTrue(!events.isEmpty());
        return events;
    }
}
