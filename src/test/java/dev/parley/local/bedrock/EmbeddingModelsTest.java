package dev.parley.local.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/** The emulator's Titan Text Embeddings V2 and Cohere Embed v3, through the real AWS SDK's InvokeModel. */
class EmbeddingModelsTest extends EmulatorTestSupport {
    static final String TITAN = "amazon.titan-embed-text-v2:0";
    static final String COHERE = "cohere.embed-english-v3";

    private static InvokeModelResponse invoke(String modelId, String body) {
        return client.invokeModel(
                r ->
                        r.modelId(modelId)
                                .contentType("application/json")
                                .accept("application/json")
                                .body(SdkBytes.fromUtf8String(body)));
    }

    private static JsonNode titan(String text, int dimensions) {
        return ToolUseTest.json(
                invoke(
                                TITAN,
                                "{\"inputText\": "
                                        + Json.MAPPER.valueToTree(text)
                                        + ", \"dimensions\": "
                                        + dimensions
                                        + "}")
                        .body()
                        .asUtf8String());
    }

    static double cosine(JsonNode a, JsonNode b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.size(); i++) {
            dot += a.get(i).asDouble() * b.get(i).asDouble();
            na += a.get(i).asDouble() * a.get(i).asDouble();
            nb += b.get(i).asDouble() * b.get(i).asDouble();
        }
        return dot / Math.sqrt(na * nb);
    }

    @Test
    void titanIsDeterministicNormalizedAndMeaningful() {
        JsonNode first = titan("The festival opens on the Danube on Friday", 1024);
        assertEquals(1024, first.path("embedding").size());
        assertEquals(first.path("embedding"), first.path("embeddingsByType").path("float"));
        assertTrue(first.path("inputTextTokenCount").asInt() > 0);
        assertEquals(
                first.path("embedding"),
                titan("The festival opens on the Danube on Friday", 1024).path("embedding"));
        double norm = cosine(first.path("embedding"), first.path("embedding"));
        assertEquals(1.0, norm, 1e-6);
        double length = 0;
        for (JsonNode value : first.path("embedding")) {
            length += value.asDouble() * value.asDouble();
        }
        assertEquals(1.0, Math.sqrt(length), 1e-3, "normalize defaults to true");

        JsonNode similar = titan("On Friday the Danube festival opens", 1024);
        JsonNode unrelated = titan("Quarterly tax filing deadlines for companies", 1024);
        assertTrue(
                cosine(first.path("embedding"), similar.path("embedding"))
                        > cosine(first.path("embedding"), unrelated.path("embedding")) + 0.3);
        assertEquals(256, titan("short", 256).path("embedding").size());

        JsonNode binary =
                ToolUseTest.json(
                        invoke(TITAN, "{\"inputText\": \"bits\", \"embeddingTypes\": [\"binary\"]}")
                                .body()
                                .asUtf8String());
        assertTrue(binary.path("embeddingsByType").has("binary"));
        assertTrue(binary.path("embeddingsByType").path("binary").get(0).asInt() <= 1);
    }

    @Test
    void titanRefusesWhatBedrockRefuses() {
        ValidationException dims =
                assertThrows(
                        ValidationException.class,
                        () -> invoke(TITAN, "{\"inputText\": \"x\", \"dimensions\": 300}"));
        assertTrue(
                dims.awsErrorDetails()
                        .errorMessage()
                        .startsWith("Malformed input request: #/dimensions: 300"),
                dims.awsErrorDetails().errorMessage());
        assertThrows(ValidationException.class, () -> invoke(TITAN, "{\"texts\": [\"x\"]}"));
        assertThrows(ValidationException.class, () -> invoke(TITAN, "{\"inputText\": \"\"}"));
        ValidationException converse =
                assertThrows(
                        ValidationException.class,
                        () ->
                                client.converse(
                                        r ->
                                                r.modelId(TITAN)
                                                        .messages(
                                                                m ->
                                                                        m.role(
                                                                                        ConversationRole
                                                                                                .USER)
                                                                                .content(
                                                                                        software
                                                                                                .amazon
                                                                                                .awssdk
                                                                                                .services
                                                                                                .bedrockruntime
                                                                                                .model
                                                                                                .ContentBlock
                                                                                                .fromText(
                                                                                                        "hi")))));
        assertTrue(converse.awsErrorDetails().errorMessage().contains("doesn't support the model"));
        CompletionException streamed =
                assertThrows(
                        CompletionException.class,
                        () ->
                                asyncClient
                                        .invokeModelWithResponseStream(
                                                r ->
                                                        r.modelId(TITAN)
                                                                .body(
                                                                        SdkBytes.fromUtf8String(
                                                                                "{\"inputText\": \"x\"}")),
                                                InvokeModelWithResponseStreamResponseHandler
                                                        .builder()
                                                        .subscriber(event -> {})
                                                        .build())
                                        .join());
        assertTrue(streamed.getCause() instanceof ValidationException, streamed.toString());
    }

    @Test
    void cohereEmbedsBatchesAndCountsTokensInHeaders() {
        InvokeModelResponse response =
                invoke(
                        COHERE,
                        """
                {"texts": ["The festival opens on Friday", "On Friday the festival opens", "Tax deadlines"],
                 "input_type": "search_document"}""");
        JsonNode body = ToolUseTest.json(response.body().asUtf8String());
        assertEquals("embeddings_floats", body.path("response_type").asText());
        assertEquals(3, body.path("embeddings").size());
        assertEquals(1024, body.path("embeddings").get(0).size());
        assertEquals(3, body.path("texts").size());
        assertTrue(
                cosine(body.path("embeddings").get(0), body.path("embeddings").get(1))
                        > cosine(body.path("embeddings").get(0), body.path("embeddings").get(2)));
        String tokens =
                response.sdkHttpResponse()
                        .firstMatchingHeader("X-Amzn-Bedrock-Input-Token-Count")
                        .orElseThrow();
        assertTrue(Integer.parseInt(tokens) > 0);

        JsonNode query =
                ToolUseTest.json(
                        invoke(
                                        COHERE,
                                        "{\"texts\": [\"The festival opens on Friday\"],"
                                                + " \"input_type\": \"search_query\"}")
                                .body()
                                .asUtf8String());
        assertNotEquals(
                body.path("embeddings").get(0),
                query.path("embeddings").get(0),
                "the input type changes the embedding");

        JsonNode byType =
                ToolUseTest.json(
                        invoke(
                                        COHERE,
                                        "{\"texts\": [\"a b\"], \"input_type\": \"clustering\","
                                                + " \"embedding_types\": [\"float\", \"int8\"]}")
                                .body()
                                .asUtf8String());
        assertEquals("embeddings_by_type", byType.path("response_type").asText());
        assertEquals(1024, byType.path("embeddings").path("int8").get(0).size());
    }

    @Test
    void cohereRefusesWhatBedrockRefuses() {
        assertThrows(ValidationException.class, () -> invoke(COHERE, "{\"texts\": [\"x\"]}"));
        assertThrows(
                ValidationException.class,
                () -> invoke(COHERE, "{\"texts\": [\"x\"], \"input_type\": \"poetry\"}"));
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i < 97; i++) {
            many.append(i == 0 ? "" : ",").append("\"t").append(i).append('"');
        }
        ValidationException tooMany =
                assertThrows(
                        ValidationException.class,
                        () ->
                                invoke(
                                        COHERE,
                                        "{\"texts\": "
                                                + many
                                                + "], \"input_type\": \"search_document\"}"));
        assertTrue(tooMany.awsErrorDetails().errorMessage().contains("maxItems: 96"));
        String longText = "x".repeat(2049);
        assertThrows(
                ValidationException.class,
                () ->
                        invoke(
                                COHERE,
                                "{\"texts\": [\""
                                        + longText
                                        + "\"], \"input_type\": \"search_document\"}"));
        assertEquals(
                200,
                invoke(
                                COHERE,
                                "{\"texts\": [\""
                                        + longText
                                        + "\"], \"input_type\": \"search_document\","
                                        + " \"truncate\": \"END\"}")
                        .sdkHttpResponse()
                        .statusCode());
    }
}
