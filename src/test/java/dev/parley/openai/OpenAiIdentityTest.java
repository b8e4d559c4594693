package dev.parley.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.parley.testing.Lambda;
import dev.parley.testing.Lambda.ProxyResult;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With identity required (AuthMode=JWT), the caller is who the HTTP API's JWT authorizer says
 * (it reads the client's {@code Authorization: Bearer} key as the token). Without an authorizer
 * in front, a key proves nothing: the OpenAI client gets its typed 401.
 */
@QuarkusTest
@TestProfile(OpenAiIdentityTest.Profile.class)
class OpenAiIdentityTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("parley.http.require-identity", "true");
        }
    }

    @Test
    void aKeyWithoutAnAuthorizerIsUnauthorized() {
        UnauthorizedException refused =
                assertThrows(
                        UnauthorizedException.class,
                        () ->
                                OpenAiClients.client()
                                        .chat()
                                        .completions()
                                        .create(
                                                ChatCompletionCreateParams.builder()
                                                        .model("nova-micro")
                                                        .addUserMessage("hi")
                                                        .build()));
        assertEquals(401, refused.statusCode());
        assertEquals("invalid_api_key", refused.code().orElseThrow());
    }

    @Test
    void theAuthorizersCallerIsServed() {
        ProxyResult result =
                Lambda.invoke(
                        Lambda.as(
                                "alice",
                                Lambda.http(
                                        "POST",
                                        "/openai/v1/chat/completions",
                                        "{\"model\": \"nova-micro\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}")));
        assertEquals(200, result.status(), result.toString());
    }
}
