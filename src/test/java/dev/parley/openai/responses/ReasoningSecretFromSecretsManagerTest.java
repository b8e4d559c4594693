package dev.parley.openai.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import dev.parley.modelcall.ContentBlock;
import dev.parley.openai.OpenAiException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Deployed, the key of {@code encrypted_content} comes from the secret template.yaml generates
 * ({@code parley.responses.reasoning-secret-arn}): two instances (two seals) read it with the real
 * SDK client, here from a minimal GetSecretValue stand-in, so reasoning sealed on one opens on the
 * other, as Codex's stateless mode needs across Lambda instances. Read once per instance.
 */
class ReasoningSecretFromSecretsManagerTest {
    private static final String ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:ParleyReasoningSecret-AbCdEf";

    private HttpServer secretsManager;
    private final List<String> targets = new CopyOnWriteArrayList<>();
    private volatile String secret = "generated-by-cloudformation-0123456789abcdef";

    @BeforeEach
    void start() throws Exception {
        secretsManager = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        secretsManager.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            targets.add(exchange.getRequestHeaders().getFirst("X-Amz-Target") + " " + body);
            byte[] answer = ("{\"ARN\":\"" + ARN + "\",\"Name\":\"ParleyReasoningSecret\",\"SecretString\":\"" + secret
                    + "\",\"VersionId\":\"v1\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        secretsManager.start();
    }

    @AfterEach
    void stop() {
        secretsManager.stop(0);
    }

    @Test
    void twoInstancesShareTheKeyOfTheGeneratedSecret() {
        try (SecretsManagerClient client = client()) {
            ReasoningSeal one = new ReasoningSeal(settings(Optional.of(ARN)), () -> client);
            ReasoningSeal other = new ReasoningSeal(settings(Optional.of(ARN)), () -> client);
            String sealed = one.seal(new ContentBlock.Reasoning("thinking...", "sig-1"), "alice");
            ContentBlock opened = other.open(sealed, "alice", "input[0].encrypted_content");
            assertEquals(new ContentBlock.Reasoning("thinking...", "sig-1"), opened);
            one.seal(new ContentBlock.Reasoning("more", "sig-2"), "alice");
            assertEquals(2, targets.size(), "each instance reads the secret once: " + targets);
            assertEquals("secretsmanager.GetSecretValue {\"SecretId\":\"" + ARN + "\"}", targets.get(0));
            // Another owner cannot pass it on.
            assertThrows(OpenAiException.class, () -> other.open(sealed, "mallory", "input[0].encrypted_content"));
        }
    }

    @Test
    void withoutTheSharedSecretAnotherInstanceCannotOpenIt() {
        ReasoningSeal one = new ReasoningSeal(settings(Optional.empty()), () -> {
            throw new AssertionError("no secret to read");
        });
        ReasoningSeal other = new ReasoningSeal(settings(Optional.empty()), () -> {
            throw new AssertionError("no secret to read");
        });
        String sealed = one.seal(new ContentBlock.Reasoning("thinking...", "sig-1"), "alice");
        assertThrows(OpenAiException.class, () -> other.open(sealed, "alice", "input[0].encrypted_content"));
    }

    private SecretsManagerClient client() {
        return SecretsManagerClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(URI.create("http://127.0.0.1:" + secretsManager.getAddress().getPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("parleylocal",
                        "parleylocalsecret")))
                .build();
    }

    private static ResponsesSettings settings(Optional<String> arn) {
        return new ResponsesSettings() {
            @Override
            public Duration retention() {
                return Duration.ofDays(30);
            }

            @Override
            public Optional<String> reasoningSecret() {
                return Optional.empty();
            }

            @Override
            public Optional<String> reasoningSecretArn() {
                return arn;
            }
        };
    }
}
