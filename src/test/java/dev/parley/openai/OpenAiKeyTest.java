package dev.parley.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.PermissionDeniedException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.parley.testing.Emulator;
import dev.parley.testing.Lambda;
import dev.parley.testing.Lambda.ProxyResult;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The official OpenAI Java SDK with a Parley key as its API key: accepted, refused, limited. */
@QuarkusTest
class OpenAiKeyTest {

    @jakarta.inject.Inject dev.parley.testing.MovableClock clock;

    @BeforeEach
    void reset() {
        Emulator.control().reset();
        // At the start of a minute, so the rate-limited calls below share one minute's counter.
        clock.set(
                java.time.Instant.ofEpochSecond(
                        (java.time.Instant.now().getEpochSecond() / 60 + 1) * 60));
    }

    @org.junit.jupiter.api.AfterEach
    void resetClock() {
        clock.reset();
    }

    private static String createKey(Object body) {
        ProxyResult created =
                Lambda.invoke(
                        Lambda.as(
                                "sdk-" + UUID.randomUUID(), Lambda.http("POST", "/v1/keys", body)));
        assertEquals(201, created.status(), created.toString());
        return created.body().path("key").asText();
    }

    private static OpenAIClient client(String apiKey) {
        return OpenAIOkHttpClient.builder()
                .baseUrl(OpenAiClients.baseUrl().toString())
                .apiKey(apiKey)
                .maxRetries(0)
                .timeout(Duration.ofSeconds(30))
                .build();
    }

    private static ChatCompletionCreateParams ask(String model) {
        return ChatCompletionCreateParams.builder()
                .model(model)
                .addUserMessage("Say hello")
                .build();
    }

    @Test
    void theSdkWorksWithAKeyAndReadsItsRefusals() {
        String key =
                createKey(
                        Map.of(
                                "name",
                                "sdk",
                                "models",
                                List.of("nova-micro"),
                                "rpm",
                                2,
                                "tpm",
                                1_000_000));
        ChatCompletion completion = client(key).chat().completions().create(ask("nova-micro"));
        assertTrue(completion.choices().get(0).message().content().isPresent());

        PermissionDeniedException denied =
                assertThrows(
                        PermissionDeniedException.class,
                        () -> client(key).chat().completions().create(ask("nova-lite")));
        assertEquals(403, denied.statusCode());
        assertTrue(denied.getMessage().contains("nova-micro"), denied.getMessage());

        RateLimitException limited =
                assertThrows(
                        RateLimitException.class,
                        () -> client(key).chat().completions().create(ask("nova-micro")));
        assertEquals(429, limited.statusCode());
        assertTrue(
                limited.headers().values("retry-after").size() == 1, limited.headers().toString());
        // The headers OpenAI's clients read, for requests and for tokens.
        assertEquals(List.of("2"), limited.headers().values("x-ratelimit-limit-requests"));
        assertEquals(List.of("0"), limited.headers().values("x-ratelimit-remaining-requests"));
        assertEquals(List.of("1000000"), limited.headers().values("x-ratelimit-limit-tokens"));
        for (String header :
                List.of(
                        "x-ratelimit-reset-requests",
                        "x-ratelimit-remaining-tokens",
                        "x-ratelimit-reset-tokens")) {
            assertEquals(1, limited.headers().values(header).size(), header);
        }

        UnauthorizedException unknown =
                assertThrows(
                        UnauthorizedException.class,
                        () ->
                                client("pk_" + "c".repeat(16) + "D".repeat(43))
                                        .chat()
                                        .completions()
                                        .create(ask("nova-micro")));
        assertEquals(401, unknown.statusCode());
        assertTrue(unknown.getMessage().contains("not valid"), unknown.getMessage());
    }
}
