package dev.parley.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Emulator;
import dev.parley.testing.Lambda;
import dev.parley.testing.Lambda.ProxyResult;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every Bedrock failure, raised by the emulator over the wire, reaches the client as the contract's error. */
@QuarkusTest
class BedrockErrorMappingTest {
    static final Map<String, Object> REQUEST =
            Map.of("text", "Short text to summarize. It has two sentences.");

    @BeforeEach
    void reset() {
        Emulator.control().reset();
    }

    static List<Arguments> errors() {
        return List.of(
                Arguments.of(
                        "AccessDeniedException", 502, "model_access_denied", "bedrock:InvokeModel"),
                Arguments.of(
                        "ModelTimeoutException", 504, "model_timeout", "did not answer in time"),
                Arguments.of(
                        "ServiceUnavailableException", 503, "model_unavailable", "not available"),
                Arguments.of("ValidationException", 400, "validation_error", "Bedrock rejected"),
                Arguments.of("ResourceNotFoundException", 502, "model_error", "not found"),
                Arguments.of("ModelErrorException", 502, "model_error", "failed"),
                Arguments.of("InternalServerException", 503, "model_unavailable", "failed"));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void mapsEachBedrockError(String type, int status, String code, String message) {
        // Enough copies that retried errors keep failing.
        for (int i = 0; i < 3; i++) {
            Emulator.control().scriptError(null, type, "scripted " + type);
        }
        ProxyResult result = Lambda.post("/v1/summarize", REQUEST);
        assertEquals(status, result.status(), result.toString());
        assertEquals(code, result.errorCode());
        assertTrue(result.errorMessage().contains(message), result.errorMessage());
        assertTrue(!result.toString().contains("at software.amazon"), "no stack trace");
    }

    @Test
    void accessDeniedTellsTheOperatorHowToFixIt() {
        Emulator.control()
                .scriptError(null, "AccessDeniedException", "You don't have access to the model");
        ProxyResult result = Lambda.post("/v1/summarize", REQUEST);
        assertEquals(502, result.status());
        String message = result.errorMessage();
        assertTrue(message.contains("us.amazon.nova-micro-v1:0"), message);
        assertTrue(message.contains("bedrock:InvokeModel"), message);
        // Amazon's own models need no Marketplace subscription; the retired console page is not
        // named.
        assertFalse(message.contains("aws-marketplace"), message);
        assertFalse(message.contains("Model access"), message);
        assertEquals(1, Emulator.control().calls().size(), "access denied is not retried");
    }

    @Test
    void accessDeniedOnAThirdPartyModelNamesTheMarketplacePermissions() {
        Emulator.control()
                .scriptError(null, "AccessDeniedException", "You don't have access to the model");
        ProxyResult result =
                Lambda.post(
                        "/v1/summarize",
                        Map.of("text", "Short text to summarize.", "model", "claude-haiku-4-5"));
        assertEquals(502, result.status(), result.toString());
        String message = result.errorMessage();
        assertTrue(message.contains("aws-marketplace:Subscribe"), message);
        assertTrue(message.contains("aws-marketplace:ViewSubscriptions"), message);
        assertTrue(message.contains("use case details"), message);
        assertFalse(message.contains("Model access"), message);
    }

    @Test
    void throttlingIsRetriedThenAnswered429WithRetryAfter() {
        for (int i = 0; i < 3; i++) {
            Emulator.control().scriptError(null, "ThrottlingException", "Too many requests");
        }
        ProxyResult result = Lambda.post("/v1/summarize", REQUEST);
        assertEquals(429, result.status(), result.toString());
        assertEquals("throttled", result.errorCode());
        assertEquals("7", result.header("Retry-After"));
        assertEquals(3, Emulator.control().calls().size(), "three attempts before giving up");
    }

    @Test
    void aThrottleThatClearsIsInvisibleToTheClient() {
        Emulator.control().scriptError(null, "ThrottlingException", "Too many requests");
        ProxyResult result = Lambda.post("/v1/summarize", REQUEST);
        assertEquals(200, result.status(), result.toString());
        assertEquals(2, Emulator.control().calls().size());
    }

    @Test
    void modelNotReadyIsRetriedThen503() {
        for (int i = 0; i < 3; i++) {
            Emulator.control().scriptError(null, "ModelNotReadyException", "Model is loading");
        }
        ProxyResult result = Lambda.post("/v1/summarize", REQUEST);
        assertEquals(503, result.status(), result.toString());
        assertEquals("model_unavailable", result.errorCode());
        assertEquals(3, Emulator.control().calls().size());
    }
}
