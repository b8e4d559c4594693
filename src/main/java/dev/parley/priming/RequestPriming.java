package dev.parley.priming;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.lifecycle.AccountLifecycles;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.chat.ChatReply;
import dev.parley.compare.ComparisonResult;
import dev.parley.summarize.Summary;
import dev.parley.tools.ToolCall;
import io.quarkus.amazon.lambda.runtime.AmazonLambdaRecorder;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends synthetic API Gateway events through the whole handler as Lambda's runtime hands them over
 * (Quarkus's stream reader and writer, event decoding, router, routes, Jackson, error rendering,
 * response encoding) for requests that never reach AWS: the read-only
 * routes that need no store, and model routes with bodies they refuse before any call. The
 * success responses of the model routes are warmed by building their Jackson serializers.
 */
@ApplicationScoped
public class RequestPriming {
    /** Request → the status it must answer; anything else means priming took another path than intended. */
    private static final Map<String[], Integer> REQUESTS = requests();
    private static final List<Class<?>> RESPONSE_TYPES = List.of(Summary.class, ChatReply.class,
            ComparisonResult.Comparison.class, ComparisonResult.class, ToolCall.class);

    private static final Context CONTEXT = new PrimingContext();

    private final ObjectMapper mapper;
    private final AccountLifecycles lifecycles;

    RequestPriming(ObjectMapper mapper, AccountLifecycles lifecycles) {
        this.mapper = mapper;
        this.lifecycles = lifecycles;
    }

    /** Returns the requests that answered another status than expected (empty when all went as planned). */
    public List<String> prime() {
        RESPONSE_TYPES.forEach(mapper::canSerialize);
        // GET /v1/models would read the account's report from the table: not before a snapshot.
        lifecycles.offline(true);
        try {
            return REQUESTS.entrySet().stream().filter(request -> {
                String[] line = request.getKey();
                return status(event(line[0], line[1], line[2])) != request.getValue();
            }).map(request -> String.join(" ", request.getKey()[0], request.getKey()[1])).toList();
        } finally {
            lifecycles.offline(false);
        }
    }

    /** Through the same entry Quarkus's Lambda handler uses (QuarkusStreamHandler → AmazonLambdaRecorder.handle). */
    private int status(ObjectNode event) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            AmazonLambdaRecorder.handle(new ByteArrayInputStream(mapper.writeValueAsBytes(event)), out, CONTEXT);
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
        requests.put(new String[] {"POST", "/v1/summarize", "{\"style\":\"bullets\",\"model\":\"nova-micro\"}"}, 400);
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
