package dev.parley.capabilities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Emulator;
import dev.parley.testing.Lambda;
import dev.parley.testing.Lambda.ProxyResult;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Magistral Small 2509: AWS's model card gives its id and AWS's Mistral sample calls it through
 * Converse (with a system prompt and images); no AWS page shows it with tools, so that cell stays
 * at the conservative default: /v1/chat serves it through Converse and a request with tools is
 * refused before Bedrock is called.
 */
@QuarkusTest
class MistralRouteTest {

    private static final String MODEL_ID = "mistral.magistral-small-2509";

    @BeforeEach
    void reset() {
        Emulator.control().reset();
    }

    private static ProxyResult chat(Map<String, Object> body) {
        return Lambda.invoke(Lambda.as("ann", Lambda.http("POST", "/v1/chat", body)));
    }

    @Test
    void answersChatThroughConverseWithItsOwnId() {
        ProxyResult result =
                chat(
                        Map.of(
                                "message",
                                "What is the capital of France?",
                                "model",
                                "magistral-small"));

        assertEquals(201, result.status(), result.toString());
        assertFalse(result.body().path("reply").asText().isBlank(), result.toString());
        List<JsonNode> calls = Emulator.control().calls();
        assertEquals(1, calls.size(), calls.toString());
        JsonNode call = calls.get(0);
        assertEquals("converse", call.path("operation").asText(), call.toString());
        // In-Region on-demand: the card lists no geo or global inference profile.
        assertEquals(MODEL_ID, call.path("modelId").asText());
        assertTrue(
                call.path("body").path("toolConfig").isMissingNode(),
                "no tools offered to a model without tool use: " + call);
    }

    @Test
    void refusesToolsBeforeCallingBedrock() {
        ProxyResult result =
                chat(
                        Map.of(
                                "message",
                                "What is 2 + 2?",
                                "tools",
                                List.of("calculator"),
                                "model",
                                "magistral-small"));

        assertEquals(400, result.status(), result.toString());
        assertEquals("validation_error", result.errorCode());
        assertTrue(result.errorMessage().contains("magistral-small"), result.errorMessage());
        assertTrue(result.errorMessage().contains("tool use"), result.errorMessage());
        assertTrue(Emulator.control().calls().isEmpty(), "refused before Bedrock is called");
    }
}
