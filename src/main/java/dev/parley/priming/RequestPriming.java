package dev.parley.priming;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.afterresponse.AfterResponse;
import dev.parley.bedrock.BedrockPriming;
import dev.parley.caching.ResponseCache;
import dev.parley.chat.ChatReply;
import dev.parley.compare.ComparisonResult;
import dev.parley.lifecycle.AccountLifecycles;
import dev.parley.modelcall.AccountReports;
import dev.parley.summarize.Summary;
import dev.parley.tools.ToolCall;
import dev.parley.usage.LedgerPriming;
import io.quarkus.amazon.lambda.runtime.AmazonLambdaRecorder;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends synthetic API Gateway events through the whole handler as Lambda's runtime hands them over
 * (Quarkus's stream reader and writer, event decoding, router, routes, Jackson, error rendering,
 * response encoding) for requests that never reach AWS: the read-only routes that need no store,
 * model routes with bodies they refuse before any call, and a summarize that succeeds end to end
 * (the pipeline's stages, Converse through the SDK, the reply, the ledger's Query and
 * {@code UpdateItem} after the response) against stand-ins: Bedrock's canned endpoint
 * ({@link BedrockPriming}) and a canned ledger table ({@link LedgerPriming}). Nothing it does is
 * recorded: the lifecycle report is not read, the usage it
 * counted is written to the canned table only ({@link Primer} mutes the metrics). The other success responses of the model routes
 * are warmed by building their Jackson serializers.
 */
@ApplicationScoped
public class RequestPriming {
    /** Request → the status it must answer; anything else means priming took another path than intended. */
    private static final Map<String[], Integer> REQUESTS = requests();

    private static final List<Class<?>> RESPONSE_TYPES =
            List.of(
                    Summary.class,
                    ChatReply.class,
                    ComparisonResult.Comparison.class,
                    ComparisonResult.class,
                    ToolCall.class);

    /** A summarize the canned Bedrock answers: the success path of a model route, end to end. */
    private static final String[] SUMMARIZE = {
        "POST",
        "/v1/summarize",
        "{\"text\":\"Priming warms the request path"
                + " before the snapshot, so the first caller after a restore does not pay for it.\",\"style\":\"bullets\","
                + "\"model\":\"nova-micro\",\"inferenceConfig\":{\"maxTokens\":100}}"
    };

    private static final Context CONTEXT = new PrimingContext();

    /** What the requests came to: those answered otherwise than planned, and the canned ledger's requests. */
    public record Outcome(List<String> unexpected, int ledgerRequests) {}

    private final ObjectMapper mapper;
    private final AccountLifecycles lifecycles;
    private final BedrockPriming bedrock;
    private final LedgerPriming ledger;
    private final AfterResponse afterResponse;
    private final ResponseCache cache;

    RequestPriming(
            ObjectMapper mapper,
            AccountLifecycles lifecycles,
            BedrockPriming bedrock,
            LedgerPriming ledger,
            AfterResponse afterResponse,
            ResponseCache cache) {
        this.mapper = mapper;
        this.lifecycles = lifecycles;
        this.bedrock = bedrock;
        this.ledger = ledger;
        this.afterResponse = afterResponse;
        this.cache = cache;
    }

    /** Sends every planned request {@code rounds} times (at least once). */
    public Outcome prime(int rounds) {
        RESPONSE_TYPES.forEach(mapper::canSerialize);
        readsAccountReports();
        Map<String[], Integer> planned = new LinkedHashMap<>(REQUESTS);
        if (!cache.enabled()) {
            // With the response cache on, the summarize would read and write the real table.
            planned.put(SUMMARIZE, 200);
        }
        List<String> unexpected = new ArrayList<>();
        // GET /v1/models and the lifecycle check would read the account's report from the table.
        lifecycles.offline(true);
        try {
            int ledgerRequests =
                    ledger.withCannedTable(
                            () ->
                                    bedrock.withCannedBedrock(
                                            () -> {
                                                for (int round = 0;
                                                        round < Math.max(1, rounds);
                                                        round++) {
                                                    unexpected.clear();
                                                    planned.forEach(
                                                            (request, status) -> {
                                                                if (status(
                                                                                event(
                                                                                        request[0],
                                                                                        request[1],
                                                                                        request[2]))
                                                                        != status) {
                                                                    unexpected.add(
                                                                            request[0]
                                                                                    + " "
                                                                                    + request[1]);
                                                                }
                                                                // What the extension does after
                                                                // each response on Lambda (the
                                                                // handler did it in INLINE mode).
                                                                afterResponse.drain();
                                                            });
                                                }
                                            }));
            return new Outcome(List.copyOf(unexpected), ledgerRequests);
        } finally {
            lifecycles.offline(false);
        }
    }

    /**
     * The first request after a restore reads the account's lifecycle report (the lifecycle
     * check): Jackson builds its deserializer now, not then.
     */
    private void readsAccountReports() {
        try {
            mapper.readValue(mapper.writeValueAsBytes(AccountReports.NONE), AccountReports.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Through the same entry Quarkus's Lambda handler uses (QuarkusStreamHandler → AmazonLambdaRecorder.handle). */
    private int status(ObjectNode event) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            AmazonLambdaRecorder.handle(
                    new ByteArrayInputStream(mapper.writeValueAsBytes(event)), out, CONTEXT);
            return mapper.readTree(out.toByteArray()).path("statusCode").asInt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String[], Integer> requests() {
        Map<String[], Integer> requests = new LinkedHashMap<>();
        requests.put(new String[] {"GET", "/v1/health", null}, 200);
        requests.put(new String[] {"GET", "/v1/models", null}, 200);
        requests.put(new String[] {"GET", "/v1/tools", null}, 200);
        requests.put(new String[] {"GET", "/v1/priming-unknown", null}, 404);
        // Refused before any model or store call: no text, no message.
        requests.put(
                new String[] {
                    "POST", "/v1/summarize", "{\"style\":\"bullets\",\"model\":\"nova-micro\"}"
                },
                400);
        requests.put(new String[] {"POST", "/v1/chat", "{\"model\":\"nova-micro\"}"}, 400);
        requests.put(new String[] {"POST", "/v1/tools", "{\"tools\":[\"calculator\"]}"}, 400);
        requests.put(new String[] {"POST", "/v1/compare", "{\"models\":[\"nova-micro\"]}"}, 400);
        return requests;
    }

    private ObjectNode event(String method, String path, String body) {
        ObjectNode event = mapper.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", "$default");
        event.put("rawPath", path);
        event.put("rawQueryString", "");
        event.putObject("headers").put("content-type", "application/json");
        ObjectNode context = event.putObject("requestContext");
        context.put("requestId", "priming");
        context.put("stage", "$default");
        ObjectNode http = context.putObject("http");
        http.put("method", method);
        http.put("path", path);
        http.put("sourceIp", "127.0.0.1");
        event.put("isBase64Encoded", false);
        if (body != null) {
            event.put("body", body);
        }
        return event;
    }
}
