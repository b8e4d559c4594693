package dev.parley.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.parley.local.bedrock.BedrockEmulator;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.Message;

/**
 * The production credentials setting ({@code type=default}, what every deployed client uses) is
 * exercised here, not only the static keys the other tests use: a SnapStart function gets its role's
 * credentials from the container credentials endpoint that Lambda names in
 * {@code AWS_CONTAINER_CREDENTIALS_FULL_URI} with {@code AWS_CONTAINER_AUTHORIZATION_TOKEN}. The SDK
 * reads the same settings from the {@code aws.containerCredentialsFullUri} and
 * {@code aws.containerAuthorizationToken} system properties, which this test sets, serving the
 * endpoint itself; then a real Bedrock call is signed with what it served.
 */
class DefaultCredentialsChainTest {
    private static final String TOKEN = "lambda-authorization-token";
    private static final String ACCESS_KEY = "ASIAFROMTHECONTAINER";
    private static final List<String> CHAIN_PROPERTIES =
            List.of(
                    "aws.containerCredentialsFullUri",
                    "aws.containerAuthorizationToken",
                    "aws.accessKeyId",
                    "aws.secretAccessKey",
                    "aws.sessionToken");

    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final Map<String, String> saved = new java.util.HashMap<>();
    private HttpServer credentialsEndpoint;
    private BedrockEmulator emulator;

    @BeforeEach
    void start() throws Exception {
        CHAIN_PROPERTIES.forEach(name -> saved.put(name, System.clearProperty(name)));
        credentialsEndpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        credentialsEndpoint.createContext(
                "/2018-06-01/credentials",
                exchange -> {
                    try (exchange) {
                        authorizations.add(
                                String.valueOf(
                                        exchange.getRequestHeaders().getFirst("Authorization")));
                        byte[] body =
                                ("{\"AccessKeyId\":\""
                                                + ACCESS_KEY
                                                + "\",\"SecretAccessKey\":\"secret-from-the-role\","
                                                + "\"Token\":\"session-token-from-the-role\",\"Expiration\":\""
                                                + Instant.now()
                                                        .plus(1, ChronoUnit.HOURS)
                                                        .truncatedTo(ChronoUnit.SECONDS)
                                                + "\"}")
                                        .getBytes(StandardCharsets.UTF_8);
                        exchange.getResponseHeaders().add("Content-Type", "application/json");
                        exchange.sendResponseHeaders(200, body.length);
                        try (OutputStream out = exchange.getResponseBody()) {
                            out.write(body);
                        }
                    }
                });
        credentialsEndpoint.start();
        emulator = BedrockEmulator.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        emulator.close();
        credentialsEndpoint.stop(0);
        saved.forEach(
                (name, value) -> {
                    if (value == null) {
                        System.clearProperty(name);
                    } else {
                        System.setProperty(name, value);
                    }
                });
    }

    @Test
    void theDefaultTypeSignsWithTheRoleCredentialsLambdaServes() {
        assertNull(
                System.getenv("AWS_ACCESS_KEY_ID"),
                "the environment's own keys would come first in the chain");
        System.setProperty(
                "aws.containerCredentialsFullUri",
                "http://127.0.0.1:"
                        + credentialsEndpoint.getAddress().getPort()
                        + "/2018-06-01/credentials");
        System.setProperty("aws.containerAuthorizationToken", TOKEN);

        AwsCredentialsProvider provider =
                AwsCredentials.provider(new Default(), "parley.bedrock.credentials");
        assertEquals(ACCESS_KEY, provider.resolveCredentials().accessKeyId());
        try (BedrockRuntimeClient bedrock =
                BedrockRuntimeClient.builder()
                        .region(Region.US_EAST_1)
                        .credentialsProvider(provider)
                        .endpointOverride(emulator.endpoint())
                        .httpClientBuilder(UrlConnectionHttpClient.builder())
                        .build()) {
            var answer =
                    bedrock.converse(
                            call ->
                                    call.modelId("us.amazon.nova-micro-v1:0")
                                            .messages(
                                                    Message.builder()
                                                            .role(ConversationRole.USER)
                                                            .content(ContentBlock.fromText("Hi"))
                                                            .build()));
            assertTrue(
                    answer.output().message().content().get(0).text().contains("Hi"),
                    answer.toString());
        }
        assertTrue(!authorizations.isEmpty(), "the SDK asked the container credentials endpoint");
        assertTrue(
                authorizations.stream().allMatch(TOKEN::equals),
                "with Lambda's authorization token: " + authorizations);
    }

    /** {@code parley.*.credentials.type=default}, as deployed. */
    private static final class Default implements AwsCredentials.Settings {
        @Override
        public String type() {
            return "default";
        }

        @Override
        public Optional<String> accessKeyId() {
            return Optional.empty();
        }

        @Override
        public Optional<String> secretAccessKey() {
            return Optional.empty();
        }
    }
}
