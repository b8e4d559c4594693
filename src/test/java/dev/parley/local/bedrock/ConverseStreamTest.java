package dev.parley.local.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrockruntime.model.AccessDeniedException;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ModelStreamErrorException;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

class ConverseStreamTest extends EmulatorTestSupport {

    private static ConverseStreamRequest request(String modelId, String text) {
        return ConverseStreamRequest.builder().modelId(modelId).messages(user(text)).build();
    }

    @Test
    void streamedDeltasAddUpToTheConverseReply() {
        String question = "Summarize: " + ConverseTest.ARTICLE;
        ConverseResponse whole =
                client.converse(r -> r.modelId(CLAUDE_HAIKU).messages(user(question)));

        StreamResult streamed = stream(request(CLAUDE_HAIKU, question));

        assertNull(streamed.error());
        assertEquals(whole.output().message().content().get(0).text(), streamed.text());
        assertTrue(streamed.textDeltas().size() > 5, "one delta per word");
        assertEquals("end_turn", streamed.stopReason());
        assertEquals(whole.usage(), streamed.metadata().usage());
        assertNotNull(streamed.metadata().metrics().latencyMs());
        assertEquals("messageStart", streamed.events().get(0));
        assertEquals(
                List.of("contentBlockStop", "messageStop", "metadata"),
                streamed.events().subList(streamed.events().size() - 3, streamed.events().size()));
    }

    @Test
    void scriptedErrorAfterTwoDeltasArrivesAsTheTypedException() {
        control.script(
                """
                {"reply": {"text": "one two three four five",
                           "error": {"type": "ThrottlingException", "message": "Slow down, please."}},
                 "streamErrorAfterDeltas": 2}""");

        StreamResult streamed = stream(request(NOVA_MICRO, "Hi"));

        assertEquals(List.of("one ", "two "), streamed.textDeltas());
        ThrottlingException error = assertInstanceOf(ThrottlingException.class, streamed.error());
        assertTrue(error.getMessage().contains("Slow down, please."), error.getMessage());
        assertNull(streamed.stopReason());
    }

    @Test
    void midStreamErrorDefaultsToModelStreamErrorAfterTheDefaultReply() {
        control.script(
                "{\"reply\": {\"error\": {\"type\": \"ModelStreamErrorException\"}}, \"streamErrorAfterDeltas\": 1}");

        StreamResult streamed = stream(request(NOVA_MICRO, "Hello there"));

        assertEquals(List.of("You "), streamed.textDeltas());
        assertInstanceOf(ModelStreamErrorException.class, streamed.error());
    }

    @Test
    void errorBeforeTheStreamIsAnHttpError() {
        control.scriptError(null, "AccessDeniedException", "No access to this model.");

        StreamResult streamed = stream(request(NOVA_MICRO, "Hi"));

        AccessDeniedException error =
                assertInstanceOf(AccessDeniedException.class, streamed.error());
        assertEquals(403, error.statusCode());
        assertTrue(streamed.events().isEmpty());
    }

    @Test
    void validationAppliesToStreamsToo() {
        StreamResult streamed = stream(request("anthropic.claude-haiku-4-5-20251001-v1:0", "Hi"));

        ValidationException error = assertInstanceOf(ValidationException.class, streamed.error());
        assertTrue(
                error.getMessage()
                        .startsWith(
                                "Invocation of model ID anthropic.claude-haiku-4-5-20251001-v1:0 "
                                        + "with on-demand throughput isn\u2019t supported."),
                error.getMessage());
    }

    @Test
    void toolUseStreamsAsStartDeltaStop() {
        String schema =
                "{\"type\": \"object\", \"properties\": {\"location\": {\"type\": \"string\"}},"
                        + " \"required\": [\"location\"]}";
        ConverseStreamRequest request =
                ConverseStreamRequest.builder()
                        .modelId(NOVA_MICRO)
                        .messages(user("What's the weather in Paris?"))
                        .toolConfig(
                                ToolUseTest.tools(
                                        ToolUseTest.tool("get_weather", "Get the weather", schema)))
                        .build();

        StreamResult streamed = stream(request);

        assertNull(streamed.error());
        assertEquals("get_weather", streamed.starts().get(0).toolUse().name());
        assertTrue(streamed.starts().get(0).toolUse().toolUseId().matches("tooluse_[0-9a-f]{22}"));
        JsonNode input = ToolUseTest.json(streamed.toolInput().toString());
        assertEquals("Paris", input.path("location").asText());
        assertEquals("tool_use", streamed.stopReason());
        assertEquals(
                List.of(
                        "messageStart",
                        "contentBlockStart",
                        "contentBlockDelta",
                        "contentBlockStop",
                        "messageStop",
                        "metadata"),
                streamed.events());
    }

    @Test
    void scriptedLatencyPacesTheDeltas() {
        control.latency(300, 40);

        StreamResult streamed = stream(request(NOVA_MICRO, "one two three four"));

        long firstMs = (streamed.deltaNanos().get(0) - streamed.startNanos()) / 1_000_000;
        long lastMs =
                (streamed.deltaNanos().get(streamed.deltaNanos().size() - 1)
                                - streamed.startNanos())
                        / 1_000_000;
        int deltas = streamed.textDeltas().size();
        assertTrue(firstMs >= 300, "first delta after " + firstMs + " ms");
        assertTrue(lastMs >= 300 + 40L * (deltas - 1), "last delta after " + lastMs + " ms");
        assertTrue(streamed.metadata().metrics().latencyMs() >= 300 + 40L * (deltas - 1));
    }

    @Test
    void scriptedLatencyDelaysNonStreamedCallsInTotal() {
        control.latency(250, 0);
        long start = System.nanoTime();

        ConverseResponse response =
                client.converse(r -> r.modelId(NOVA_MICRO).messages(user("Hi")));

        assertTrue((System.nanoTime() - start) / 1_000_000 >= 250);
        assertTrue(
                response.metrics().latencyMs() >= 250,
                "latencyMs " + response.metrics().latencyMs());
    }
}
