package dev.parley.local.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/**
 * The emulator's Cohere Embed v4 and Nova Multimodal Embeddings through the real AWS SDK's
 * InvokeModel: the bodies AWS documents, their answers, and what Bedrock refuses.
 */
class MultimodalEmbeddingModelsTest extends EmulatorTestSupport {
    static final String COHERE_V4 = "cohere.embed-v4:0";
    static final String NOVA = "amazon.nova-2-multimodal-embeddings-v1:0";
    private static final String PIXEL = "data:image/png;base64,iVBORw0KGgo=";

    private static JsonNode invoke(String modelId, String body) {
        return ToolUseTest.json(
                client.invokeModel(
                                r ->
                                        r.modelId(modelId)
                                                .contentType("application/json")
                                                .accept("application/json")
                                                .body(SdkBytes.fromUtf8String(body)))
                        .body()
                        .asUtf8String());
    }

    private static String refusal(String modelId, String body) {
        return assertThrows(ValidationException.class, () -> invoke(modelId, body))
                .awsErrorDetails()
                .errorMessage();
    }

    @Test
    void cohereV4AnswersFloatsByDefaultAndByTypeWhenAsked() {
        JsonNode floats =
                invoke(
                        COHERE_V4,
                        "{\"input_type\": \"search_document\", \"texts\": [\"one\", \"two\"]}");
        assertEquals("embeddings_floats", floats.path("response_type").asText());
        assertEquals(2, floats.path("embeddings").size());
        assertEquals(1536, floats.at("/embeddings/0").size());
        assertEquals("two", floats.at("/texts/1").asText());

        JsonNode byType =
                invoke(
                        COHERE_V4,
                        "{\"input_type\": \"search_query\", \"inputs\": [{\"content\": [{\"type\":"
                                + " \"text\", \"text\": \"a chart\"}, {\"type\": \"image_url\","
                                + " \"image_url\": {\"url\": \""
                                + PIXEL
                                + "\"}}]}], \"embedding_types\": [\"int8\", \"float\"],"
                                + " \"output_dimension\": 512}");
        assertEquals("embeddings_by_type", byType.path("response_type").asText());
        assertEquals(512, byType.at("/embeddings/int8/0").size());
        assertEquals(512, byType.at("/embeddings/float/0").size());
        assertEquals(1, byType.path("inputs").size());
    }

    @Test
    void cohereV4RefusesWhatItsPageRules() {
        assertTrue(
                refusal(COHERE_V4, "{\"texts\": [\"one\"]}")
                        .contains("required key [input_type] not found"));
        assertTrue(
                refusal(
                                COHERE_V4,
                                "{\"input_type\": \"search_document\", \"texts\": [\"one\"],"
                                        + " \"images\": [\""
                                        + PIXEL
                                        + "\"]}")
                        .contains("exactly one of [texts, images, inputs]"));
        assertTrue(
                refusal(
                                COHERE_V4,
                                "{\"input_type\": \"search_document\", \"texts\": [\"one\"],"
                                        + " \"output_dimension\": 300}")
                        .contains("#/output_dimension: 300 is not a valid enum value"));
        assertTrue(
                refusal(
                                COHERE_V4,
                                "{\"input_type\": \"search_document\", \"texts\": [\"one\"],"
                                        + " \"truncate\": \"START\"}")
                        .contains("#/truncate: START"));
        assertTrue(
                refusal(
                                COHERE_V4,
                                "{\"input_type\": \"search_document\", \"images\":"
                                        + " [\"https://example.com/a.png\"]}")
                        .contains("data:<mime>;base64"));
    }

    @Test
    void novaEmbedsOneInputForItsPurpose() {
        JsonNode text =
                invoke(
                        NOVA,
                        "{\"taskType\": \"SINGLE_EMBEDDING\", \"singleEmbeddingParams\":"
                                + " {\"embeddingPurpose\": \"GENERIC_INDEX\", \"embeddingDimension\":"
                                + " 384, \"text\": {\"truncationMode\": \"END\", \"value\": \"Hello"
                                + " World!\"}}}");
        assertEquals("TEXT", text.at("/embeddings/0/embeddingType").asText());
        assertEquals(384, text.at("/embeddings/0/embedding").size());

        JsonNode image =
                invoke(
                        NOVA,
                        "{\"schemaVersion\": \"nova-multimodal-embed-v1\", \"taskType\":"
                                + " \"SINGLE_EMBEDDING\", \"singleEmbeddingParams\":"
                                + " {\"embeddingPurpose\": \"IMAGE_RETRIEVAL\", \"image\":"
                                + " {\"format\": \"png\", \"source\": {\"bytes\": \"iVBORw0KGgo=\"}}}}");
        assertEquals("IMAGE", image.at("/embeddings/0/embeddingType").asText());
        assertEquals(3072, image.at("/embeddings/0/embedding").size());
    }

    @Test
    void novaRefusesWhatItsSchemaRules() {
        String params =
                "\"singleEmbeddingParams\": {\"embeddingPurpose\": \"GENERIC_INDEX\", \"text\":"
                        + " {\"value\": \"hi\"}}";
        assertTrue(
                refusal(NOVA, "{\"taskType\": \"SEGMENTED_EMBEDDING\", " + params + "}")
                        .contains("SINGLE_EMBEDDING"));
        assertTrue(
                refusal(
                                NOVA,
                                "{\"taskType\": \"SINGLE_EMBEDDING\", \"singleEmbeddingParams\":"
                                        + " {\"embeddingPurpose\": \"SEARCH\", \"text\": {\"value\":"
                                        + " \"hi\"}}}")
                        .contains("embeddingPurpose: SEARCH is not a valid enum value"));
        assertTrue(
                refusal(
                                NOVA,
                                "{\"taskType\": \"SINGLE_EMBEDDING\", \"singleEmbeddingParams\":"
                                        + " {\"embeddingPurpose\": \"GENERIC_INDEX\","
                                        + " \"embeddingDimension\": 512, \"text\": {\"value\":"
                                        + " \"hi\"}}}")
                        .contains("embeddingDimension: 512"));
        assertTrue(
                refusal(
                                NOVA,
                                "{\"taskType\": \"SINGLE_EMBEDDING\", \"singleEmbeddingParams\":"
                                        + " {\"embeddingPurpose\": \"GENERIC_INDEX\", \"text\":"
                                        + " {\"value\": \"hi\"}, \"image\": {\"format\": \"png\","
                                        + " \"source\": {\"bytes\": \"AA==\"}}}}")
                        .contains("exactly one of [audio, image, text, video]"));
        assertTrue(refusal(NOVA, "{" + params + "}").contains("required key [taskType]"));
    }
}
