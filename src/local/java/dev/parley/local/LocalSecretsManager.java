package dev.parley.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Secrets Manager stand-in for the one operation Parley calls, GetSecretValue, over AWS's JSON 1.1
 * protocol as the SDK speaks it ({@code POST /}, {@code X-Amz-Target: secretsmanager.GetSecretValue},
 * {@code application/x-amz-json-1.1}). A secret is found by name or ARN; the answer carries
 * {@code ARN}, {@code Name}, {@code VersionId}, {@code VersionStages: ["AWSCURRENT"]},
 * {@code CreatedDate} (epoch seconds) and {@code SecretString}. An unknown secret is AWS's
 * {@code ResourceNotFoundException} (HTTP 400, "Secrets Manager can't find the specified
 * secret."), another operation {@code UnknownOperationException}. Signatures are not checked,
 * like the other stand-ins'.
 */
public final class LocalSecretsManager implements AutoCloseable {
    private static final String ACCOUNT = "123456789012";
    private static final String JSON_11 = "application/x-amz-json-1.1";

    private record Secret(
            String arn, String name, String value, String versionId, Instant created) {}

    private final HttpServer server;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, Secret> byName = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private LocalSecretsManager(HttpServer server) {
        this.server = server;
    }

    public static LocalSecretsManager start(String host, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
        LocalSecretsManager secrets = new LocalSecretsManager(server);
        server.createContext("/", secrets::handle);
        server.start();
        return secrets;
    }

    public URI endpoint() {
        return URI.create(
                "http://"
                        + server.getAddress().getHostString()
                        + ":"
                        + server.getAddress().getPort());
    }

    /** Stores {@code value} as the current version of secret {@code name}; answers its ARN. */
    public String put(String name, String value) {
        // AWS ends a secret's ARN with a hyphen and six random characters.
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 6);
        Secret secret =
                new Secret(
                        "arn:aws:secretsmanager:"
                                + StandIns.REGION
                                + ":"
                                + ACCOUNT
                                + ":secret:"
                                + name
                                + "-"
                                + suffix,
                        name,
                        value,
                        UUID.randomUUID().toString(),
                        Instant.now());
        byName.put(name, secret);
        return secret.arn();
    }

    /** The secret ids of the GetSecretValue calls received, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            JsonNode body;
            try (InputStream in = exchange.getRequestBody()) {
                body = mapper.readTree(in.readAllBytes());
            }
            if (!"POST".equals(exchange.getRequestMethod())
                    || !"secretsmanager.GetSecretValue".equals(target)) {
                error(exchange, "UnknownOperationException", null);
                return;
            }
            String id = body == null ? "" : body.path("SecretId").asText("");
            requests.add(id);
            Secret secret = find(id);
            if (secret == null) {
                error(
                        exchange,
                        "ResourceNotFoundException",
                        "Secrets Manager can't find the specified secret.");
                return;
            }
            ObjectNode answer =
                    mapper.createObjectNode()
                            .put("ARN", secret.arn())
                            .put("Name", secret.name())
                            .put("VersionId", secret.versionId())
                            .put("SecretString", secret.value())
                            .put("CreatedDate", secret.created().getEpochSecond());
            answer.putArray("VersionStages").add("AWSCURRENT");
            send(exchange, 200, answer);
        }
    }

    /** By name or full ARN, as GetSecretValue's SecretId takes either. */
    private Secret find(String id) {
        Secret named = byName.get(id);
        if (named != null) {
            return named;
        }
        return byName.values().stream()
                .filter(secret -> secret.arn().equals(id))
                .findFirst()
                .orElse(null);
    }

    private void error(HttpExchange exchange, String type, String message) throws IOException {
        ObjectNode body = mapper.createObjectNode().put("__type", type);
        if (message != null) {
            body.put("message", message);
        }
        exchange.getResponseHeaders().add("x-amzn-ErrorType", type);
        send(exchange, 400, body);
    }

    private void send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = mapper.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", JSON_11);
        exchange.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
