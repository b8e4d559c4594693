package dev.parley.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.error.ErrorCode;
import dev.parley.modelcall.ChatMessage;
import dev.parley.modelcall.ContentBlock;
import dev.parley.modelcall.ModelReply;
import dev.parley.modelcall.ModelSpec;
import dev.parley.modelcall.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The stream writer's event order and numbering, and the error shape's statuses, as pure functions. */
class EventWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ModelSpec MODEL =
            new ModelSpec(
                    "claude-haiku-4-5",
                    "global.anthropic.claude-haiku-4-5-20251001-v1:0",
                    "anthropic",
                    64000,
                    200000,
                    new ModelSpec.Capabilities(true, true, true, true));

    private static List<String> names(String body) {
        List<String> names = new ArrayList<>();
        for (String event : body.split("\n\n")) {
            names.add(event.substring("event: ".length(), event.indexOf('\n')));
        }
        return names;
    }

    private static List<JsonNode> data(String body) throws Exception {
        List<JsonNode> data = new ArrayList<>();
        for (String event : body.split("\n\n")) {
            data.add(JSON.readTree(event.substring(event.indexOf("data: ") + 6)));
        }
        return data;
    }

    @Test
    void blocksAreNumberedInTheOrderTheyStartAndEveryOneIsClosed() throws Exception {
        EventWriter writer = new EventWriter(JSON, "msg_1", "claude-haiku-4-5", Optional.empty());
        assertFalse(writer.started(), "nothing is sent before the model answers");
        writer.reasoning(0, "Think.");
        writer.reasoningSignature(0, "sig");
        writer.blockStop(0);
        writer.text(1, "Hel");
        writer.text(1, "lo");
        writer.blockStop(1);
        writer.toolUseStart(3, "toolu_1", "get_weather");
        writer.toolUseInput(3, "{\"city\":");
        writer.toolUseInput(3, "\"Paris\"}");
        writer.finish(
                new ModelReply(
                        MODEL,
                        new ChatMessage(
                                ChatMessage.Role.ASSISTANT,
                                List.of(new ContentBlock.Text("Hello"))),
                        "tool_use",
                        new Usage(10, 5, 15, 3, 2),
                        1));
        String body = writer.body();
        assertEquals(
                List.of(
                        "message_start",
                        "ping",
                        "content_block_start",
                        "content_block_delta",
                        "content_block_delta",
                        "content_block_stop",
                        "content_block_start",
                        "content_block_delta",
                        "content_block_delta",
                        "content_block_stop",
                        "content_block_start",
                        "content_block_delta",
                        "content_block_delta",
                        "content_block_stop",
                        "message_delta",
                        "message_stop"),
                names(body));
        List<JsonNode> data = data(body);
        assertEquals("thinking", data.get(2).at("/content_block/type").asText());
        assertEquals("signature_delta", data.get(4).at("/delta/type").asText());
        assertEquals(1, data.get(6).path("index").asInt());
        assertEquals(
                2, data.get(10).path("index").asInt(), "Bedrock's block 3 is Anthropic's block 2");
        assertEquals("input_json_delta", data.get(11).at("/delta/type").asText());
        assertEquals(
                2,
                data.get(13).path("index").asInt(),
                "the open tool block is closed before message_delta");
        assertEquals("tool_use", data.get(14).at("/delta/stop_reason").asText());
        assertEquals(3, data.get(14).at("/usage/cache_read_input_tokens").asInt());
        assertEquals(2, data.get(14).at("/usage/cache_creation_input_tokens").asInt());
    }

    @Test
    void aReplyWithoutDeltasIsSentAsWholeBlocks() {
        EventWriter writer = new EventWriter(JSON, "msg_2", "claude-haiku-4-5", Optional.empty());
        ModelReply reply =
                new ModelReply(
                        MODEL,
                        new ChatMessage(
                                ChatMessage.Role.ASSISTANT,
                                List.of(new ContentBlock.Text("Cached answer"))),
                        "end_turn",
                        Usage.NONE,
                        0);
        writer.replayIfSilent(reply);
        writer.finish(reply);
        assertTrue(writer.body().contains("\"text\":\"Cached answer\""), writer.body());
        assertEquals("message_stop", names(writer.body()).get(names(writer.body()).size() - 1));
    }

    @Test
    void statusesAndTypesFollowAnthropics() {
        assertEquals(404, AnthropicErrors.status(ErrorCode.MODEL_NOT_ALLOWED));
        assertEquals(529, AnthropicErrors.status(ErrorCode.MODEL_UNAVAILABLE));
        assertEquals(500, AnthropicErrors.status(ErrorCode.MODEL_ACCESS_DENIED));
        assertEquals("overloaded_error", AnthropicErrors.type(529));
        assertEquals(
                "rate_limit_error",
                AnthropicErrors.type(AnthropicErrors.status(ErrorCode.QUOTA_EXCEEDED)));
        assertEquals(
                "authentication_error",
                AnthropicErrors.type(AnthropicErrors.status(ErrorCode.UNAUTHORIZED)));
        assertEquals(
                "request_too_large",
                AnthropicErrors.type(AnthropicErrors.status(ErrorCode.PAYLOAD_TOO_LARGE)));
        assertEquals(
                "invalid_request_error",
                AnthropicErrors.type(AnthropicErrors.status(ErrorCode.VALIDATION_ERROR)));
        assertEquals(
                "api_error",
                AnthropicErrors.type(AnthropicErrors.status(ErrorCode.INTERNAL_ERROR)));
    }

    /**
     * A heartbeat sends the head during a long silence: a failure before the first event can then
     * only be reported in the body, so the route must not answer a plain error response.
     */
    @Test
    void aHeadAlreadySentByAHeartbeatCountsAsStarted() {
        boolean[] headSent = {false};
        dev.parley.http.BodyStream.Sink sink =
                new dev.parley.http.BodyStream.Sink() {
                    @Override
                    public void write(String piece) {}

                    @Override
                    public void fail(String errorCode, String message) {}

                    @Override
                    public boolean started() {
                        return headSent[0];
                    }
                };
        EventWriter writer = new EventWriter(JSON, "msg_2", "claude-haiku-4-5", Optional.of(sink));
        assertFalse(writer.started());
        headSent[0] = true;
        assertTrue(writer.started());
    }
}
