package dev.parley.local.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.ModelStreamErrorException;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

class InvokeTest extends EmulatorTestSupport {

    static final String ANTHROPIC_BODY =
            """
            {"anthropic_version": "bedrock-2023-05-31", "max_tokens": 200, "system": "Be brief.",
             "messages": [{"role": "user", "content": [{"type": "text", "text": "Hello Claude"}]}]}""";
    static final String NOVA_BODY =
            """
            {"schemaVersion": "messages-v1", "system": [{"text": "Be brief."}],
             "messages": [{"role": "user", "content": [{"text": "Hello Nova"}]}],
             "inferenceConfig": {"max_new_tokens": 200, "temperature": 0.2}}""";

    private static InvokeModelResponse invoke(String modelId, String body) {
        return client.invokeModel(
                r ->
                        r.modelId(modelId)
                                .contentType("application/json")
                                .accept("application/json")
                                .body(SdkBytes.fromUtf8String(body)));
    }

    private static JsonNode json(InvokeModelResponse response) {
        return ToolUseTest.json(response.body().asUtf8String());
    }

    /** Decodes InvokeModelWithResponseStream chunks (the SDK un-base64s {"bytes"}) into JSON. */
    private static List<JsonNode> streamChunks(String modelId, String body, Throwable[] error) {
        List<JsonNode> chunks = new ArrayList<>();
        InvokeModelWithResponseStreamResponseHandler handler =
                InvokeModelWithResponseStreamResponseHandler.builder()
                        .subscriber(
                                InvokeModelWithResponseStreamResponseHandler.Visitor.builder()
                                        .onChunk(
                                                part ->
                                                        chunks.add(
                                                                ToolUseTest.json(
                                                                        part.bytes()
                                                                                .asUtf8String())))
                                        .build())
                        .build();
        try {
            asyncClient
                    .invokeModelWithResponseStream(
                            r -> r.modelId(modelId).body(SdkBytes.fromUtf8String(body)), handler)
                    .join();
        } catch (CompletionException e) {
            error[0] = e.getCause();
        }
        return chunks;
    }

    @Test
    void anthropicMessagesBodyGetsAnAnthropicResponse() {
        InvokeModelResponse response = invoke(CLAUDE_HAIKU, ANTHROPIC_BODY);
        JsonNode body = json(response);

        assertEquals("message", body.path("type").asText());
        assertEquals("assistant", body.path("role").asText());
        assertTrue(body.path("id").asText().startsWith("msg_bdrk_"));
        assertEquals("text", body.path("content").path(0).path("type").asText());
        assertEquals(
                "You said: \"Hello Claude\"", body.path("content").path(0).path("text").asText());
        assertEquals("end_turn", body.path("stop_reason").asText());
        // You / said / : / " / Hello / Claude / " by the emulator's word-piece count (TokenCount).
        assertEquals(7, body.path("usage").path("output_tokens").asInt());
        assertTrue(body.path("usage").path("input_tokens").asInt() > 0);
        assertEquals(
                "7",
                response.sdkHttpResponse()
                        .firstMatchingHeader("X-Amzn-Bedrock-Output-Token-Count")
                        .orElseThrow());
    }

    @Test
    void novaBodyGetsANovaResponse() {
        JsonNode body = json(invoke(NOVA_MICRO, NOVA_BODY));

        assertEquals("assistant", body.path("output").path("message").path("role").asText());
        assertEquals(
                "You said: \"Hello Nova\"",
                body.path("output").path("message").path("content").path(0).path("text").asText());
        assertEquals("end_turn", body.path("stopReason").asText());
        JsonNode usage = body.path("usage");
        assertEquals(
                usage.path("inputTokens").asInt() + usage.path("outputTokens").asInt(),
                usage.path("totalTokens").asInt());
    }

    @Test
    void llamaPromptGetsAGeneration() {
        JsonNode body =
                json(
                        invoke(
                                "meta.llama3-1-70b-instruct-v1:0",
                                """
                {"prompt": "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\\n\\nHello Llama<|eot_id|>\
                <|start_header_id|>assistant<|end_header_id|>\\n\\n", "max_gen_len": 3}"""));

        assertEquals("You said: \"H", body.path("generation").asText());
        assertEquals("length", body.path("stop_reason").asText());
        assertEquals(3, body.path("generation_token_count").asInt());
        assertTrue(body.path("prompt_token_count").asInt() > 0);
    }

    @Test
    void anthropicSummaryRequestIsSummarised() {
        String body =
                """
                {"anthropic_version": "bedrock-2023-05-31", "max_tokens": 500,
                 "messages": [{"role": "user", "content": "Summarize in one sentence: <text>%s</text>"}]}"""
                        .formatted(ConverseTest.ARTICLE);

        String summary =
                json(invoke(CLAUDE_HAIKU, body)).path("content").path(0).path("text").asText();

        assertEquals(1, Text.sentences(summary).size(), summary);
        assertTrue(ConverseTest.ARTICLE.contains(summary), summary);
    }

    @Test
    void bodyOfTheWrongFamilyIsRejectedNamingTheProblem() {
        ValidationException wrongFamily =
                assertThrows(ValidationException.class, () -> invoke(CLAUDE_HAIKU, NOVA_BODY));
        assertEquals(
                "Malformed input request: #: required key [anthropic_version] not found, please reformat your"
                        + " input and try again.",
                wrongFamily.awsErrorDetails().errorMessage());

        ValidationException extraneous =
                assertThrows(
                        ValidationException.class,
                        () ->
                                invoke(
                                        NOVA_MICRO,
                                        NOVA_BODY.replace(
                                                "\"schemaVersion\"", "\"anthropic_version\"")));
        assertEquals(
                "Malformed input request: #: extraneous key [anthropic_version] is not permitted, please"
                        + " reformat your input and try again.",
                extraneous.awsErrorDetails().errorMessage());

        assertThrows(ValidationException.class, () -> invoke(CLAUDE_HAIKU, "not json"));
        ValidationException tooMany =
                assertThrows(
                        ValidationException.class,
                        () -> invoke(CLAUDE_HAIKU, ANTHROPIC_BODY.replace("200", "90000")));
        assertTrue(
                tooMany.getMessage()
                        .startsWith(
                                "The maximum tokens you requested exceeds the model limit of 64000."));
    }

    @Test
    void anthropicResponseStreamAddsUpToTheInvokeReply() {
        String whole =
                json(invoke(CLAUDE_HAIKU, ANTHROPIC_BODY))
                        .path("content")
                        .path(0)
                        .path("text")
                        .asText();
        Throwable[] error = new Throwable[1];

        List<JsonNode> chunks = streamChunks(CLAUDE_HAIKU, ANTHROPIC_BODY, error);

        assertNull(error[0]);
        StringBuilder text = new StringBuilder();
        List<String> types = new ArrayList<>();
        for (JsonNode chunk : chunks) {
            types.add(chunk.path("type").asText());
            if (chunk.path("delta").path("type").asText().equals("text_delta")) {
                text.append(chunk.path("delta").path("text").asText());
            }
        }
        assertEquals(whole, text.toString());
        assertEquals(List.of("message_start", "content_block_start"), types.subList(0, 2));
        assertEquals(
                List.of("content_block_stop", "message_delta", "message_stop"),
                types.subList(types.size() - 3, types.size()));
        JsonNode metrics = chunks.get(chunks.size() - 1).path("amazon-bedrock-invocationMetrics");
        assertEquals(7, metrics.path("outputTokenCount").asInt());
        assertTrue(metrics.has("invocationLatency") && metrics.has("firstByteLatency"));
    }

    @Test
    void novaResponseStreamAndAMidStreamError() {
        Throwable[] error = new Throwable[1];
        List<JsonNode> chunks = streamChunks(NOVA_MICRO, NOVA_BODY, error);
        assertNull(error[0]);
        assertEquals("assistant", chunks.get(0).path("messageStart").path("role").asText());
        assertEquals(
                "end_turn",
                chunks.get(chunks.size() - 2).path("messageStop").path("stopReason").asText());
        assertTrue(
                chunks.get(chunks.size() - 1).path("metadata").path("usage").has("outputTokens"));

        control.script(
                "{\"reply\": {\"text\": \"a b c\", \"error\": {\"type\": \"ModelStreamErrorException\"}},"
                        + " \"streamErrorAfterDeltas\": 1}");
        List<JsonNode> cut = streamChunks(NOVA_MICRO, NOVA_BODY, error);
        assertEquals(2, cut.size(), "messageStart and one delta");
        assertInstanceOf(ModelStreamErrorException.class, error[0]);
    }
}
