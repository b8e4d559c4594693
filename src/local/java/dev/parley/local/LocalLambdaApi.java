package dev.parley.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.parley.local.faults.AwsErrors;
import dev.parley.local.faults.Fault;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * A stand-in for AWS Lambda's {@code Invoke} API ({@code POST /2015-03-31/functions/{name}/invocations}),
 * held to what Lambda does, so the function's real Lambda client hands WebSocket chat turns off
 * locally exactly as deployed:
 * <ul>
 * <li>{@code X-Amz-Invocation-Type: Event}: 202 with an empty body at once; the payload is then
 * delivered to the function's runtime (Quarkus's mock event server, where the local Lambda
 * instances take it) on another thread, as Lambda's asynchronous queue does.</li>
 * <li>{@code RequestResponse} (the default): the function's answer, 200; {@code DryRun}: 204.</li>
 * <li>Refusals with Lambda's status, {@code x-amzn-ErrorType} and body: 404
 * {@code ResourceNotFoundException} for a function or alias that does not exist, 413
 * {@code RequestEntityTooLargeException} over the payload limits (1 MB asynchronous, 6 MB
 * synchronous: API reference, Invoke), 400 {@code InvalidRequestContentException} for a payload
 * that is not JSON, 400 {@code InvalidParameterValueException} for an unknown invocation type.
 * Throttling and AccessDenied come from the fault proxy in front of it ({@link AwsErrors#lambda}).</li>
 * <li>An asynchronous invocation that fails (the runtime answers with an error, or cannot be
 * reached) or is too old to run (older than the function's maximum event age, or marked so with
 * {@code POST /_control/expire-next/{name}}, standing in for an event throttled until it expired)
 * becomes Lambda's on-failure record ({@code requestContext.condition} {@code RetriesExhausted} or
 * {@code EventAgeExceeded}, {@code requestPayload} the event, {@code responseContext} and
 * {@code responsePayload} when the function ran), sent to the function's on-failure queue
 * ({@link #onFailure}). The queue's consumer gets it as Lambda's SQS poller delivers it: an SQS
 * batch event whose one message body is the record, on the same runtime. In short, and said where
 * it differs: one attempt (the template sets MaximumRetryAttempts 0), no queue in between (each
 * record is delivered once, at once; a message the consumer reports failed is logged, not
 * delivered again), and an expired record carries no response fields (Lambda documents none).</li>
 * </ul>
 *
 * <p>Tests drive it over HTTP ({@code /_control/...}, see {@link LambdaApiControl}).
 */
public final class LocalLambdaApi implements AutoCloseable {
    /** The local account and Region in ARNs, as the local Lambda instances name themselves. */
    static final String ACCOUNT = "123456789012";

    static final String REGION = "us-east-1";

    /** Lambda's payload quotas: asynchronous (Event) and synchronous (RequestResponse) invocations. */
    static final int MAX_ASYNC_PAYLOAD = 1_048_576;

    static final int MAX_SYNC_PAYLOAD = 6_291_456;

    /** Aliases and versions every local function has (the template publishes "live"). */
    private static final Set<String> QUALIFIERS = Set.of("$LATEST", "live");

    private static final Pattern INVOKE =
            Pattern.compile("/2015-03-31/functions/([^/]+)/invocations");

    /** name, name:qualifier, 123456789012:function:name[:qualifier] or the full ARN (Lambda's FunctionName forms). */
    private static final Pattern FUNCTION =
            Pattern.compile(
                    "(?:arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:)?(?:[0-9]{12}:function:)?([a-zA-Z0-9_-]{1,64})(?::([a-zA-Z0-9$_-]{1,128}))?");

    private static final Logger LOG = Logger.getLogger(LocalLambdaApi.class);

    /** One invocation the stand-in accepted, and when its delivery to the runtime ended (0: not yet). */
    private record Invocation(
            String requestId,
            String function,
            String type,
            long acceptedAtMillis,
            long[] completedAtMillis,
            String payload) {}

    private final HttpServer server;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Set<String> configured;
    private final Set<String> functions = ConcurrentHashMap.newKeySet();
    private final List<Invocation> invocations = new CopyOnWriteArrayList<>();
    private final ExecutorService queue =
            Executors.newCachedThreadPool(
                    task -> {
                        Thread thread = new Thread(task, "local-lambda-async");
                        thread.setDaemon(true);
                        return thread;
                    });
    private final HttpClient runtimeClient =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();

    /** Where a function's failed asynchronous invocations go, as its EventInvokeConfig says. */
    private record OnFailure(Duration maxEventAge, String queueArn, String consumer) {}

    private final Map<String, OnFailure> onFailure = new ConcurrentHashMap<>();

    /** Per function: how many of its next asynchronous events expire in the queue instead of running. */
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> expireNext =
            new ConcurrentHashMap<>();

    private final Object idle = new Object();
    private int pending;
    private volatile URI runtime;

    private LocalLambdaApi(HttpServer server, Set<String> functions) {
        this.server = server;
        this.configured = Set.copyOf(functions);
        this.functions.addAll(functions);
    }

    /** @param functions the names of the functions that exist; every one runs in the one local runtime */
    public static LocalLambdaApi start(String host, int port, Set<String> functions)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 64);
        LocalLambdaApi api = new LocalLambdaApi(server, functions);
        server.createContext("/", api::handle);
        server.setExecutor(
                Executors.newFixedThreadPool(
                        8,
                        task -> {
                            Thread thread = new Thread(task, "local-lambda-api");
                            thread.setDaemon(true);
                            return thread;
                        }));
        server.start();
        return api;
    }

    public URI endpoint() {
        return URI.create(
                "http://"
                        + server.getAddress().getAddress().getHostAddress()
                        + ":"
                        + server.getAddress().getPort());
    }

    /** Where invocations are delivered: the runtime's event endpoint, e.g. {@code http://127.0.0.1:8080/_lambda_}. */
    public void runtime(URI runtime) {
        this.runtime = runtime;
    }

    /**
     * The EventInvokeConfig of {@code function}: events older than {@code maxEventAge} expire, and
     * failed or expired events become on-failure records in the queue {@code queueArn}, which
     * {@code consumer} (a function on the same runtime) receives as SQS batches.
     */
    public LocalLambdaApi onFailure(
            String function, Duration maxEventAge, String queueArn, String consumer) {
        onFailure.put(function, new OnFailure(maxEventAge, queueArn, consumer));
        return this;
    }

    /** The ARN Lambda gives the function {@code name} (and qualifier) in this local account. */
    public static String arn(String name, String qualifier) {
        return "arn:aws:lambda:"
                + REGION
                + ":"
                + ACCOUNT
                + ":function:"
                + name
                + (qualifier == null ? "" : ":" + qualifier);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            Matcher invoke = INVOKE.matcher(path);
            if (invoke.matches() && "POST".equals(exchange.getRequestMethod())) {
                invoke(exchange, URLDecoder.decode(invoke.group(1), StandardCharsets.UTF_8));
            } else if (path.startsWith("/_control/")) {
                control(
                        exchange,
                        exchange.getRequestMethod(),
                        path.substring("/_control/".length()));
            } else {
                send(exchange, AwsErrors.lambda(404, "UnknownOperationException", null));
            }
        }
    }

    private void invoke(HttpExchange exchange, String functionName) throws IOException {
        byte[] payload = exchange.getRequestBody().readAllBytes();
        String type = exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type");
        type = type == null ? "RequestResponse" : type;
        Matcher function = FUNCTION.matcher(functionName);
        if (!function.matches()) {
            send(
                    exchange,
                    AwsErrors.lambda(
                            400,
                            "ValidationException",
                            "1 validation error detected: Value '"
                                    + functionName
                                    + "' at 'functionName' failed to satisfy constraint: Member must satisfy regular"
                                    + " expression pattern: "
                                    + FUNCTION.pattern()));
            return;
        }
        String name = function.group(1);
        String qualifier = function.group(2);
        if (!functions.contains(name) || (qualifier != null && !QUALIFIERS.contains(qualifier))) {
            send(
                    exchange,
                    AwsErrors.lambda(
                            404,
                            "ResourceNotFoundException",
                            "Function not found: " + arn(name, qualifier)));
            return;
        }
        if (!List.of("Event", "RequestResponse", "DryRun").contains(type)) {
            send(
                    exchange,
                    AwsErrors.lambda(
                            400,
                            "InvalidParameterValueException",
                            "1 validation error detected: Value '"
                                    + type
                                    + "' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set:"
                                    + " [Event, RequestResponse, DryRun]"));
            return;
        }
        int limit = "Event".equals(type) ? MAX_ASYNC_PAYLOAD : MAX_SYNC_PAYLOAD;
        if (payload.length > limit) {
            send(
                    exchange,
                    AwsErrors.lambda(
                            413,
                            "RequestEntityTooLargeException",
                            payload.length
                                    + " byte payload is too large for the "
                                    + type
                                    + " invocation type (limit "
                                    + limit
                                    + " bytes)"));
            return;
        }
        String json = payload.length == 0 ? "{}" : new String(payload, StandardCharsets.UTF_8);
        try {
            mapper.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            send(
                    exchange,
                    AwsErrors.lambda(
                            400,
                            "InvalidRequestContentException",
                            "Could not parse request body into"
                                    + " json: Could not parse payload into json: "
                                    + e.getOriginalMessage()));
            return;
        }
        String requestId = UUID.randomUUID().toString();
        exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
        switch (type) {
            case "DryRun" -> exchange.sendResponseHeaders(204, -1);
            case "Event" -> {
                Invocation invocation = record(requestId, arn(name, qualifier), type, json);
                synchronized (idle) {
                    pending++;
                }
                exchange.sendResponseHeaders(202, -1);
                queue.execute(() -> deliverAsync(invocation, name));
            }
            default -> {
                Invocation invocation = record(requestId, arn(name, qualifier), type, json);
                HttpResponse<byte[]> result = deliver(invocation);
                invocation.completedAtMillis()[0] = System.currentTimeMillis();
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.getResponseHeaders().set("X-Amz-Executed-Version", "$LATEST");
                if (result == null || result.statusCode() != 200) {
                    exchange.getResponseHeaders().set("X-Amz-Function-Error", "Unhandled");
                }
                byte[] body =
                        result == null
                                ? "{\"errorMessage\":\"the function did not answer\"}"
                                        .getBytes(StandardCharsets.UTF_8)
                                : result.body();
                exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
                if (body.length > 0) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
            }
        }
    }

    private Invocation record(String requestId, String function, String type, String payload) {
        Invocation invocation =
                new Invocation(
                        requestId,
                        function,
                        type,
                        System.currentTimeMillis(),
                        new long[1],
                        payload);
        invocations.add(invocation);
        return invocation;
    }

    /**
     * Lambda's asynchronous queue, in short: the event reaches the function once, after the 202;
     * an event too old to run, or a failed invocation, goes to the on-failure destination.
     */
    private void deliverAsync(Invocation invocation, String name) {
        try {
            OnFailure config = onFailure.get(name);
            java.util.concurrent.atomic.AtomicInteger expire = expireNext.get(name);
            boolean expired =
                    (expire != null && expire.getAndUpdate(n -> Math.max(0, n - 1)) > 0)
                            || (config != null
                                    && System.currentTimeMillis() - invocation.acceptedAtMillis()
                                            > config.maxEventAge().toMillis());
            if (expired) {
                LOG.infof(
                        "asynchronous invocation %s of %s expired in the queue (EventAgeExceeded)",
                        invocation.requestId(), invocation.function());
                sendOnFailure(invocation, config, "EventAgeExceeded", 0, null);
                return;
            }
            HttpResponse<byte[]> result = deliver(invocation);
            if (result == null || result.statusCode() != 200) {
                String error =
                        result == null
                                ? "{\"errorType\":\"Runtime.Unavailable\",\"errorMessage\":\"the function"
                                        + " could not be reached\"}"
                                : new String(result.body(), StandardCharsets.UTF_8);
                LOG.warnf(
                        "asynchronous invocation %s of %s failed: %s",
                        invocation.requestId(), invocation.function(), error);
                sendOnFailure(invocation, config, "RetriesExhausted", 1, error);
            }
        } finally {
            invocation.completedAtMillis()[0] = System.currentTimeMillis();
            synchronized (idle) {
                pending--;
                idle.notifyAll();
            }
        }
    }

    /**
     * Lambda's invocation record ("Capturing records of Lambda asynchronous invocations"), delivered
     * as the destination queue's poller would: an SQS batch event for the queue's consumer.
     */
    private void sendOnFailure(
            Invocation failed,
            OnFailure config,
            String condition,
            int invokeCount,
            String errorPayload) {
        if (config == null) {
            LOG.warnf(
                    "asynchronous invocation %s of %s dropped (%s): no on-failure destination",
                    failed.requestId(), failed.function(), condition);
            return;
        }
        ObjectNode record =
                mapper.createObjectNode()
                        .put("version", "1.0")
                        .put("timestamp", java.time.Instant.now().toString());
        record.putObject("requestContext")
                .put("requestId", failed.requestId())
                .put("functionArn", failed.function())
                .put("condition", condition)
                .put("approximateInvokeCount", invokeCount);
        record.set("requestPayload", parse(failed.payload()));
        if (errorPayload != null) {
            record.putObject("responseContext")
                    .put("statusCode", 200)
                    .put("executedVersion", "$LATEST")
                    .put("functionError", "Unhandled");
            record.set("responsePayload", parse(errorPayload));
        }
        String body = record.toString();
        ObjectNode batch = mapper.createObjectNode();
        long now = System.currentTimeMillis();
        ObjectNode message =
                batch.putArray("Records")
                        .addObject()
                        .put("messageId", UUID.randomUUID().toString())
                        .put("receiptHandle", UUID.randomUUID().toString())
                        .put("body", body);
        message.putObject("attributes")
                .put("ApproximateReceiveCount", "1")
                .put("SentTimestamp", Long.toString(now))
                .put("SenderId", "AROAEXAMPLELAMBDA:" + failed.requestId())
                .put("ApproximateFirstReceiveTimestamp", Long.toString(now));
        message.putObject("messageAttributes");
        message.put("md5OfBody", md5(body))
                .put("eventSource", "aws:sqs")
                .put("eventSourceARN", config.queueArn())
                .put("awsRegion", REGION);
        Invocation poll =
                record(
                        UUID.randomUUID().toString(),
                        arn(config.consumer(), null),
                        "RequestResponse",
                        batch.toString());
        HttpResponse<byte[]> result = deliver(poll);
        poll.completedAtMillis()[0] = System.currentTimeMillis();
        if (result == null
                || result.statusCode() != 200
                || !parse(new String(result.body(), StandardCharsets.UTF_8))
                        .path("batchItemFailures")
                        .isEmpty()) {
            LOG.warnf(
                    "the on-failure record of %s was not processed by %s (a queue would deliver it again): %s",
                    failed.requestId(),
                    config.consumer(),
                    result == null
                            ? "unreachable"
                            : new String(result.body(), StandardCharsets.UTF_8));
        }
    }

    private static String md5(String body) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("MD5")
                                    .digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Posts the payload to the runtime and waits for the function's answer; null when it cannot be reached. */
    private HttpResponse<byte[]> deliver(Invocation invocation) {
        URI target = runtime;
        if (target == null) {
            LOG.warnf(
                    "invocation %s of %s dropped: no runtime registered with the Lambda stand-in",
                    invocation.requestId(), invocation.function());
            return null;
        }
        try {
            return runtimeClient.send(
                    HttpRequest.newBuilder(target)
                            .timeout(Duration.ofMinutes(15))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(invocation.payload()))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            LOG.warnf(
                    "invocation %s of %s could not reach the runtime: %s",
                    invocation.requestId(), invocation.function(), e.toString());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * {@code GET invocations}, {@code GET idle?timeoutMs=N} (waits until every asynchronous invocation
     * has run), {@code POST runtime} (body: the runtime's event URL), {@code POST remove/{name}} (the
     * function no longer exists), {@code POST expire-next/{name}} (its next asynchronous event expires in
     * the queue: EventAgeExceeded), {@code POST reset} (the configured functions again, no invocations).
     */
    private void control(HttpExchange exchange, String method, String what) throws IOException {
        if ("GET".equals(method) && what.equals("invocations")) {
            ArrayNode list = mapper.createArrayNode();
            for (Invocation each : invocations) {
                list.addObject()
                        .put("requestId", each.requestId())
                        .put("function", each.function())
                        .put("type", each.type())
                        .put("acceptedAtMillis", each.acceptedAtMillis())
                        .put("completedAtMillis", each.completedAtMillis()[0])
                        .set("payload", parse(each.payload()));
            }
            sendJson(exchange, 200, mapper.createObjectNode().set("invocations", list));
        } else if ("GET".equals(method) && what.equals("idle")) {
            String query = exchange.getRequestURI().getQuery();
            long timeout =
                    query != null && query.startsWith("timeoutMs=")
                            ? Long.parseLong(query.substring(10))
                            : 60_000;
            sendJson(exchange, 200, mapper.createObjectNode().put("idle", awaitIdle(timeout)));
        } else if ("POST".equals(method) && what.equals("runtime")) {
            runtime(
                    URI.create(
                            new String(
                                            exchange.getRequestBody().readAllBytes(),
                                            StandardCharsets.UTF_8)
                                    .trim()));
            sendJson(exchange, 200, mapper.createObjectNode());
        } else if ("POST".equals(method) && what.startsWith("remove/")) {
            functions.remove(what.substring("remove/".length()));
            sendJson(exchange, 200, mapper.createObjectNode());
        } else if ("POST".equals(method) && what.startsWith("expire-next/")) {
            expireNext
                    .computeIfAbsent(
                            what.substring("expire-next/".length()),
                            name -> new java.util.concurrent.atomic.AtomicInteger())
                    .incrementAndGet();
            sendJson(exchange, 200, mapper.createObjectNode());
        } else if ("POST".equals(method) && what.equals("reset")) {
            expireNext.clear();
            functions.clear();
            functions.addAll(configured);
            invocations.clear();
            sendJson(exchange, 200, mapper.createObjectNode());
        } else {
            sendJson(
                    exchange,
                    404,
                    mapper.createObjectNode().put("message", "unknown control call"));
        }
    }

    private boolean awaitIdle(long timeoutMillis) {
        long until = System.currentTimeMillis() + timeoutMillis;
        synchronized (idle) {
            while (pending > 0) {
                long left = until - System.currentTimeMillis();
                if (left <= 0) {
                    return false;
                }
                try {
                    idle.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    private com.fasterxml.jackson.databind.JsonNode parse(String json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            return mapper.getNodeFactory().textNode(json);
        }
    }

    private static void send(HttpExchange exchange, Fault.Respond error) throws IOException {
        error.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        byte[] bytes = error.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(error.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static void sendJson(HttpExchange exchange, int status, ObjectNode body)
            throws IOException {
        send(
                exchange,
                new Fault.Respond(
                        status, Map.of("Content-Type", "application/json"), body.toString()));
    }

    @Override
    public void close() {
        server.stop(0);
        queue.shutdownNow();
    }
}
