package dev.parley.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.testing.Emulator;
import dev.parley.testing.Lambda;
import dev.parley.testing.Lambda.ProxyResult;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The secrets a deployment keeps in Secrets Manager are read through the real SDK client over HTTP
 * (a stand-in on a free port): the bootstrap admin key on its first presentation, the Responses
 * reasoning secret on the first sealed reasoning; each once per instance, and never logged.
 */
@QuarkusTest
@TestProfile(SecretsProfile.class)
class SecretsManagerReadTest {
    private static final Map<String, Object> WEATHER =
            Map.of(
                    "type",
                    "function",
                    "name",
                    "get_weather",
                    "description",
                    "Current weather for a city",
                    "parameters",
                    Map.of(
                            "type",
                            "object",
                            "properties",
                            Map.of("city", Map.of("type", "string")),
                            "required",
                            List.of("city")));

    @Inject SecretReader reader;

    private final List<String> logged = Collections.synchronizedList(new ArrayList<>());
    private final Handler capture =
            new Handler() {
                @Override
                public void publish(LogRecord record) {
                    logged.add(
                            record.getMessage()
                                    + " "
                                    + java.util.Arrays.toString(record.getParameters())
                                    + (record.getThrown() == null ? "" : " " + record.getThrown()));
                }

                @Override
                public void flush() {}

                @Override
                public void close() {}
            };

    @BeforeEach
    void capture() {
        Emulator.control().reset();
        java.util.logging.Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void release() {
        java.util.logging.Logger.getLogger("").removeHandler(capture);
        String all = String.join("\n", logged);
        assertFalse(
                all.contains(SecretsProfile.BOOTSTRAP_SECRET), "the bootstrap secret was logged");
        assertFalse(
                all.contains(SecretsProfile.REASONING_SECRET), "the reasoning secret was logged");
        assertFalse(all.contains("other-secret-text"), "a secret was logged");
    }

    private static long reads(String secretId) {
        return SecretsProfile.Resource.secrets.requests().stream().filter(secretId::equals).count();
    }

    private static ProxyResult withKey(String method, String path, String key) {
        ObjectNode event = Lambda.http(method, path, null);
        event.with("headers").put("authorization", "Bearer " + key);
        return Lambda.invoke(event);
    }

    @Test
    void theBootstrapKeyIsReadFromSecretsManagerOnceAndActsAsAdmin() {
        String key = "pk_" + SecretsProfile.BOOTSTRAP_SECRET;
        ProxyResult admin = withKey("GET", "/v1/usage?by=owner", key);
        assertEquals(200, admin.status(), "the bootstrap key is an admin: " + admin);
        assertEquals(200, withKey("GET", "/v1/keys?owner=someone", key).status());
        assertEquals(
                1, reads(SecretsProfile.Resource.bootstrapArn), "read once, then its hash is kept");

        ProxyResult wrong =
                withKey(
                        "GET",
                        "/v1/keys",
                        "pk_" + SecretsProfile.BOOTSTRAP_SECRET.replace('X', 'Y'));
        assertEquals(401, wrong.status(), wrong.toString());
        assertEquals(1, reads(SecretsProfile.Resource.bootstrapArn), "a wrong key costs no read");
        assertFalse(wrong.toString().contains(SecretsProfile.BOOTSTRAP_SECRET));
    }

    @Test
    void statelessReasoningIsSealedWithTheSecretFromSecretsManager() {
        Map<String, Object> base =
                Map.of(
                        "model",
                        "claude-haiku-4-5",
                        "store",
                        false,
                        "include",
                        List.of("reasoning.encrypted_content"),
                        "reasoning",
                        Map.of("effort", "low"),
                        "tools",
                        List.of(WEATHER),
                        "input",
                        "What is the weather in Lisbon?");
        ProxyResult first = Lambda.post("/openai/v1/responses", base);
        assertEquals(200, first.status(), first.toString());
        JsonNode reasoning = item(first.body(), "reasoning");
        JsonNode call = item(first.body(), "function_call");
        assertTrue(
                reasoning.path("encrypted_content").asText().startsWith("v1."),
                reasoning.toString());
        assertEquals(
                1, reads(SecretsProfile.REASONING_NAME), "the secret was read through the SDK");

        Map<String, Object> next = new java.util.HashMap<>(base);
        next.put(
                "input",
                List.of(
                        Map.of("role", "user", "content", "What is the weather in Lisbon?"),
                        reasoning,
                        call,
                        Map.of(
                                "type",
                                "function_call_output",
                                "call_id",
                                call.path("call_id").asText(),
                                "output",
                                "sunny, 21 C")));
        ProxyResult second = Lambda.post("/openai/v1/responses", next);
        assertEquals(200, second.status(), "the sealed reasoning opens: " + second);
        JsonNode assistant = Emulator.control().calls().get(1).path("body").path("messages").get(1);
        assertFalse(
                assistant
                        .at("/content/0/reasoningContent/reasoningText/signature")
                        .asText()
                        .isEmpty(),
                assistant.toString());
        assertEquals(1, reads(SecretsProfile.REASONING_NAME), "and kept: one read per instance");
    }

    @Test
    void aSecretThatCannotBeReadIsNamedButNeverItsValue() {
        assertEquals(Optional.empty(), reader.read("parley/no-such-secret", "a test"));
        String all = String.join("\n", logged);
        assertTrue(
                all.contains("parley/no-such-secret") && all.contains("ResourceNotFoundException"),
                all);
        assertEquals(
                Optional.of("other-secret-text"),
                reader.read(SecretsProfile.OTHER_NAME, "a test"),
                "found by name, white space stripped");
    }

    private static JsonNode item(JsonNode response, String type) {
        for (JsonNode item : response.path("output")) {
            if (type.equals(item.path("type").asText())) {
                return item;
            }
        }
        throw new AssertionError("no " + type + " item in " + response);
    }
}
