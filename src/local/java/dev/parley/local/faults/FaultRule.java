package dev.parley.local.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which requests a fault applies to, and how often: a method, a regular expression on the
 * request target (path and query), optionally one on a header (DynamoDB names its operation in
 * {@code X-Amz-Target}), after letting {@code skip} matching requests through, for {@code times}
 * requests (-1: every one).
 */
public record FaultRule(
        String method,
        String path,
        String header,
        String headerValue,
        int skip,
        int times,
        Fault fault) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Requests with this method (null: any) whose target matches {@code pathRegex} (null: any). */
    public static FaultRule when(String method, String pathRegex) {
        return new FaultRule(method, pathRegex, null, null, 0, -1, null);
    }

    public FaultRule header(String name, String valueRegex) {
        return new FaultRule(method, path, name, valueRegex, skip, times, fault);
    }

    public FaultRule skip(int requests) {
        return new FaultRule(method, path, header, headerValue, requests, times, fault);
    }

    public FaultRule times(int requests) {
        return new FaultRule(method, path, header, headerValue, skip, requests, fault);
    }

    public FaultRule then(Fault what) {
        return new FaultRule(method, path, header, headerValue, skip, times, what);
    }

    boolean matches(HttpWire.Head request) {
        if (method != null && !method.equalsIgnoreCase(request.method())) {
            return false;
        }
        if (path != null && !Pattern.compile(path).matcher(request.target()).find()) {
            return false;
        }
        if (header != null) {
            String value = request.header(header);
            return value != null
                    && (headerValue == null || Pattern.compile(headerValue).matcher(value).find());
        }
        return true;
    }

    String toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("method", method)
                .put("path", path)
                .put("header", header)
                .put("headerValue", headerValue)
                .put("skip", skip)
                .put("times", times);
        ObjectNode what = node.putObject("fault");
        if (fault instanceof Fault.Respond respond) {
            what.put("type", "respond").put("status", respond.status()).put("body", respond.body());
            ObjectNode headers = what.putObject("headers");
            respond.headers().forEach(headers::put);
        } else if (fault instanceof Fault.Delay delay) {
            what.put("type", "delay").put("millis", delay.millis());
        } else if (fault instanceof Fault.ResetAfter reset) {
            what.put("type", "reset").put("bytes", reset.bytes());
        } else if (fault instanceof Fault.Corrupt corrupt) {
            what.put("type", "corrupt").put("offset", corrupt.bodyOffset());
        } else if (fault instanceof Fault.Truncate truncate) {
            what.put("type", "truncate").put("offset", truncate.bodyOffset());
        } else {
            throw new IllegalStateException("the rule has no fault: call then(...)");
        }
        return node.toString();
    }

    static FaultRule fromJson(JsonNode node) {
        JsonNode what = node.path("fault");
        Fault fault =
                switch (what.path("type").asText()) {
                    case "respond" -> {
                        Map<String, String> headers = new HashMap<>();
                        Iterator<Map.Entry<String, JsonNode>> fields =
                                what.path("headers").fields();
                        while (fields.hasNext()) {
                            Map.Entry<String, JsonNode> field = fields.next();
                            headers.put(field.getKey(), field.getValue().asText());
                        }
                        yield new Fault.Respond(
                                what.path("status").asInt(500),
                                headers,
                                what.path("body").asText(""));
                    }
                    case "delay" -> new Fault.Delay(what.path("millis").asLong());
                    case "reset" -> new Fault.ResetAfter(what.path("bytes").asLong());
                    case "corrupt" -> new Fault.Corrupt(what.path("offset").asLong());
                    case "truncate" -> new Fault.Truncate(what.path("offset").asLong());
                    default ->
                            throw new IllegalArgumentException(
                                    "unknown fault type '"
                                            + what.path("type").asText()
                                            + "'; expected respond, delay, reset, corrupt or truncate");
                };
        return new FaultRule(
                text(node, "method"),
                text(node, "path"),
                text(node, "header"),
                text(node, "headerValue"),
                node.path("skip").asInt(0),
                node.path("times").asInt(-1),
                fault);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.textValue() : null;
    }
}
