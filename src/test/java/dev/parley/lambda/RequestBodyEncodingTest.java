package dev.parley.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.testing.Emulator;
import dev.parley.testing.Lambda;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * Bodies that are not one UTF-8 JSON object are refused with a 400 naming the problem, in the error
 * shape of the API the path belongs to, before any model call: API Gateway base64-encodes bytes
 * that are not text, and decoding them leniently used to summarize U+FFFD characters.
 */
@QuarkusTest
class RequestBodyEncodingTest {
    /** {"text": "caf\xE9 ..."}: Latin-1 é, not UTF-8. */
    private static final byte[] LATIN1_JSON =
            "{\"text\": \"caf\u00e9 au lait, the whole story\"}"
                    .getBytes(StandardCharsets.ISO_8859_1);

    private static ObjectNode binary(String path, byte[] body) {
        ObjectNode event = Lambda.http("POST", path, "");
        event.put("body", Base64.getEncoder().encodeToString(body));
        event.put("isBase64Encoded", true);
        return event;
    }

    @Test
    void aBodyThatIsNotUtf8IsRefusedOnParleysRoutes() {
        for (String path : new String[] {"/v1/summarize", "/v1/chat", "/v1/compare", "/v1/tools"}) {
            Lambda.ProxyResult result = Lambda.invoke(binary(path, LATIN1_JSON));
            assertEquals(400, result.status(), path + ": " + result.raw());
            assertEquals("bad_request", result.body().path("error").path("code").asText(), path);
            assertTrue(
                    result.body()
                            .path("error")
                            .path("message")
                            .asText()
                            .contains("not valid UTF-8"),
                    path);
        }
    }

    @Test
    void aBodyThatIsNotUtf8IsRefusedInOpenAisShape() {
        byte[] body =
                "{\"model\": \"nova-micro\", \"messages\": [{\"role\": \"user\", \"content\": \"na\u00efve\"}]}"
                        .getBytes(StandardCharsets.ISO_8859_1);
        Lambda.ProxyResult result = Lambda.invoke(binary("/openai/v1/chat/completions", body));
        assertEquals(400, result.status(), result.raw().toString());
        JsonNode error = result.body().path("error");
        assertEquals("invalid_request_error", error.path("type").asText(), error.toString());
        assertTrue(error.path("message").asText().contains("not valid UTF-8"), error.toString());
    }

    @Test
    void validUtf8SentAsBase64IsAccepted() {
        Emulator.control().reset();
        byte[] body =
                "{\"text\": \"caf\u00e9 au lait: a long enough text to summarize, twice over.\"}"
                        .getBytes(StandardCharsets.UTF_8);
        Lambda.ProxyResult result = Lambda.invoke(binary("/v1/summarize", body));
        assertEquals(200, result.status(), result.raw().toString());
    }

    @Test
    void textAfterTheJsonObjectIsRefused() {
        Lambda.ProxyResult result =
                Lambda.invoke(
                        Lambda.http(
                                "POST",
                                "/v1/summarize",
                                "{\"text\": \"hello there\"} {\"text\": \"and a second object\"}"));
        assertEquals(400, result.status(), result.raw().toString());
        assertTrue(
                result.body()
                        .path("error")
                        .path("message")
                        .asText()
                        .contains("more after its JSON object"),
                result.body().toString());
        Lambda.ProxyResult openAi =
                Lambda.invoke(
                        Lambda.http(
                                "POST",
                                "/openai/v1/chat/completions",
                                "{\"model\": \"nova-micro\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]} trailing"));
        assertEquals(400, openAi.status(), openAi.raw().toString());
        assertEquals("invalid_request_error", openAi.body().path("error").path("type").asText());
    }
}
