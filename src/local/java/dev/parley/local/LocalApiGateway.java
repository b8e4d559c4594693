package dev.parley.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;

/**
 * What {@code sam local start-api} does, in-process: every HTTP request on the local port becomes
 * an HTTP API (payload 2.0) event, is posted to the Lambda runtime (Quarkus's mock event server in
 * dev mode) and the function's proxy result becomes the HTTP response. Local only: the header
 * {@code X-Local-User} becomes the JWT {@code sub} claim so ownership can be tried without Cognito.
 */
public final class LocalApiGateway implements AutoCloseable {
    static final String LOCAL_USER_HEADER = "x-local-user";
    private static final DateTimeFormatter API_GATEWAY_TIME = DateTimeFormatter
            .ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final HttpServer server;
    private final URI lambdaRuntime;
    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private LocalApiGateway(HttpServer server, URI lambdaRuntime) {
        this.server = server;
        this.lambdaRuntime = lambdaRuntime;
    }

    /** @param lambdaRuntime where events are posted, e.g. {@code http://127.0.0.1:8080/_lambda_} */
    public static LocalApiGateway start(String host, int port, URI lambdaRuntime) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 64);
        LocalApiGateway gateway = new LocalApiGateway(server, lambdaRuntime);
        server.createContext("/", gateway::handle);
        server.setExecutor(Executors.newFixedThreadPool(16, task -> {
            Thread thread = new Thread(task, "local-api-gateway");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        return gateway;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] requestBody = exchange.getRequestBody().readAllBytes();
            HttpResponse<String> result = client.send(HttpRequest.newBuilder(lambdaRuntime)
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(toEvent(exchange, requestBody))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            writeProxyResult(exchange, result);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sendGatewayError(exchange, "interrupted");
        } catch (IOException | RuntimeException e) {
            sendGatewayError(exchange, e.toString());
        }
    }

    ObjectNode toEvent(HttpExchange exchange, byte[] body) {
        URI uri = exchange.getRequestURI();
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        Instant now = Instant.now();
        ObjectNode event = mapper.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", "$default");
        event.put("rawPath", uri.getRawPath());
        event.put("rawQueryString", uri.getRawQuery() == null ? "" : uri.getRawQuery());
        ObjectNode headers = event.putObject("headers");
        String localUser = null;
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.equals(LOCAL_USER_HEADER)) {
                localUser = header.getValue().get(0);
            } else {
                headers.put(name, String.join(",", header.getValue()));
            }
        }
        if (uri.getRawQuery() != null) {
            ObjectNode query = event.putObject("queryStringParameters");
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                // HTTP API joins repeated parameters with commas.
                query.put(key, query.has(key) ? query.get(key).asText() + "," + value : value);
            }
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "123456789012");
        context.put("apiId", "local");
        context.put("domainName", "127.0.0.1");
        context.put("domainPrefix", "local");
        context.put("requestId", UUID.randomUUID().toString());
        context.put("routeKey", "$default");
        context.put("stage", "$default");
        context.put("time", API_GATEWAY_TIME.format(now));
        context.put("timeEpoch", now.toEpochMilli());
        ObjectNode http = context.putObject("http");
        http.put("method", method);
        http.put("path", uri.getRawPath());
        http.put("protocol", exchange.getProtocol());
        http.put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress());
        http.put("userAgent", exchange.getRequestHeaders().getFirst("User-Agent"));
        if (localUser != null && !localUser.isBlank()) {
            context.putObject("authorizer").putObject("jwt").putObject("claims").put("sub", localUser);
        }
        if (body.length > 0) {
            // Like API Gateway, pass text as is and anything else base64-encoded.
            String text = new String(body, StandardCharsets.UTF_8);
            boolean isText = java.util.Arrays.equals(text.getBytes(StandardCharsets.UTF_8), body);
            event.put("body", isText ? text : Base64.getEncoder().encodeToString(body));
            event.put("isBase64Encoded", !isText);
        } else {
            event.put("isBase64Encoded", false);
        }
        return event;
    }

    private void writeProxyResult(HttpExchange exchange, HttpResponse<String> result) throws IOException {
        JsonNode proxy = mapper.readTree(result.body());
        if (result.statusCode() != 200 || !proxy.has("statusCode")) {
            sendGatewayError(exchange, "the function failed: " + result.body());
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> headers = proxy.path("headers").fields();
        while (headers.hasNext()) {
            Map.Entry<String, JsonNode> header = headers.next();
            exchange.getResponseHeaders().add(header.getKey(), header.getValue().asText());
        }
        String body = proxy.path("body").asText("");
        byte[] bytes = proxy.path("isBase64Encoded").asBoolean(false) ? Base64.getDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
        int status = proxy.path("statusCode").asInt(502);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** API Gateway answers 502 when the integration fails; so does the local one. */
    private void sendGatewayError(HttpExchange exchange, String detail) throws IOException {
        byte[] bytes = mapper.writeValueAsBytes(Map.of("message", "Internal Server Error", "detail", detail));
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(502, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String decode(String value) {
        return java.net.URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
