package dev.parley.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.errors.BadRequestException;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.parley.testing.Emulator;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cohere Embed v4 and Nova Multimodal Embeddings behind the OpenAI embeddings route, through the
 * official OpenAI SDK: each reaches Bedrock in its own native body (v4's {@code output_dimension},
 * Nova's {@code singleEmbeddingParams} with the purpose the input type stands for) and its vectors
 * come back in order at the size asked.
 */
@QuarkusTest
class MultimodalEmbeddingsSdkTest {
    private OpenAIClient client;

    @BeforeEach
    void setUp() {
        Emulator.control().reset();
        client = OpenAiClients.client();
    }

    private static JsonNode sent() {
        List<JsonNode> calls = Emulator.control().calls();
        return calls.get(calls.size() - 1).path("body");
    }

    private CreateEmbeddingResponse embed(String model, List<String> texts, Long dimensions) {
        EmbeddingCreateParams.Builder params =
                EmbeddingCreateParams.builder()
                        .model(model)
                        .encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT)
                        .inputOfArrayOfStrings(texts);
        return client.embeddings()
                .create(
                        dimensions == null
                                ? params.build()
                                : params.dimensions(dimensions).build());
    }

    @Test
    void cohereEmbedV4TakesUpTo96TextsAtTheDimensionAsked() {
        CreateEmbeddingResponse standard =
                embed("cohere-embed-v4", List.of("The trams run all night", "Tax deadlines"), null);
        assertEquals(2, standard.data().size());
        assertEquals(1536, standard.data().get(0).embedding().size());
        assertEquals(1536, sent().path("output_dimension").asInt(), sent().toString());
        assertEquals(1, Emulator.control().calls().size(), "both texts in one call");

        CreateEmbeddingResponse small = embed("cohere-embed-v4", List.of("one"), 256L);
        assertEquals(256, small.data().get(0).embedding().size());
        assertTrue(small.usage().promptTokens() > 0);

        assertThrows(
                BadRequestException.class,
                () -> embed("cohere-embed-v4", List.of("one"), 300L),
                "300 is not one of v4's dimensions");
    }

    @Test
    void novaMultimodalEmbeddingsEmbedsOneTextPerCallForItsPurpose() {
        CreateEmbeddingResponse response =
                embed(
                        "nova-multimodal-embeddings",
                        List.of("The trams run all night", "On Saturday the trams run all night"),
                        1024L);
        assertEquals(2, response.data().size());
        assertEquals(1024, response.data().get(1).embedding().size());
        assertEquals(1, response.data().get(1).index());
        assertEquals(2, Emulator.control().calls().size(), "one call per text");
        JsonNode params = sent().path("singleEmbeddingParams");
        assertEquals("SINGLE_EMBEDDING", sent().path("taskType").asText(), sent().toString());
        assertEquals("GENERIC_INDEX", params.path("embeddingPurpose").asText());
        assertEquals(1024, params.path("embeddingDimension").asInt());
        assertEquals("On Saturday the trams run all night", params.at("/text/value").asText());

        assertEquals(
                3072,
                embed("nova-multimodal-embeddings", List.of("default size"), null)
                        .data()
                        .get(0)
                        .embedding()
                        .size());
    }
}
