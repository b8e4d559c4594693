package dev.parley.local.bedrock.guardrails;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The guardrail operations over HTTP, on the paths of the service models: the {@code bedrock}
 * control plane ({@code /guardrails...}: CreateGuardrail, GetGuardrail, ListGuardrails,
 * CreateGuardrailVersion, DeleteGuardrail; CreateAutomatedReasoningPolicy; the enforced
 * guardrail configuration) and the runtime's ApplyGuardrail
 * ({@code POST /guardrail/{id}/version/{version}/apply}). One emulator serves both services, so
 * a {@code bedrock} and a {@code bedrock-runtime} client can share its endpoint.
 */
public final class GuardrailApi {

    private static final String ENFORCED = "/enforcedGuardrailsConfiguration";
    private static final String REASONING = "/automated-reasoning-policies";

    private final GuardrailRegistry registry;

    public GuardrailApi(GuardrailRegistry registry) {
        this.registry = registry;
    }

    public static boolean handles(String path) {
        return path.equals(REASONING)
                || path.equals(ENFORCED)
                || path.startsWith(ENFORCED + "/")
                || path.equals("/guardrails")
                || path.startsWith("/guardrails/")
                || path.startsWith("/guardrail/");
    }

    /** Answers the request, or throws a {@link GuardrailFault}. Returns false for a path/method it does not know. */
    public boolean handle(HttpExchange exchange, byte[] body) throws IOException {
        String method = exchange.getRequestMethod();
        String[] segments = exchange.getRequestURI().getRawPath().substring(1).split("/");
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        if (segments[0].equals(REASONING.substring(1))) {
            if (segments.length == 1 && method.equals("POST")) {
                Wire.send(exchange, 200, registry.reasoning().create(Wire.parse(body)));
                return true;
            }
            return false;
        }
        if (segments[0].equals(ENFORCED.substring(1))) {
            return enforced(exchange, method, segments, body);
        }
        if (segments[0].equals("guardrail")) {
            if (segments.length == 5
                    && segments[2].equals("version")
                    && segments[4].equals("apply")
                    && method.equals("POST")) {
                Wire.send(
                        exchange,
                        200,
                        apply(decode(segments[1]), decode(segments[3]), Wire.parse(body)));
                return true;
            }
            return false;
        }
        if (segments.length == 1) {
            switch (method) {
                case "POST" -> Wire.send(exchange, 202, registry.create(Wire.parse(body)));
                case "GET" ->
                        Wire.send(
                                exchange,
                                200,
                                registry.list(
                                        query.get("guardrailIdentifier"),
                                        integer(query.get("maxResults")),
                                        query.get("nextToken")));
                default -> {
                    return false;
                }
            }
            return true;
        }
        if (segments.length != 2) {
            return false;
        }
        String identifier = decode(segments[1]);
        switch (method) {
            case "GET" ->
                    Wire.send(
                            exchange, 200, registry.get(identifier, query.get("guardrailVersion")));
            case "POST" ->
                    Wire.send(exchange, 202, registry.createVersion(identifier, Wire.parse(body)));
            case "DELETE" -> {
                registry.delete(identifier, query.get("guardrailVersion"));
                exchange.getResponseHeaders()
                        .set("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
                exchange.sendResponseHeaders(202, -1);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** The account-enforced guardrail configuration: Put, List and Delete. */
    private boolean enforced(HttpExchange exchange, String method, String[] segments, byte[] body)
            throws IOException {
        if (segments.length == 1 && method.equals("PUT")) {
            Wire.send(exchange, 200, registry.enforced().put(Wire.parse(body)));
        } else if (segments.length == 1 && method.equals("GET")) {
            Wire.send(exchange, 200, registry.enforced().list());
        } else if (segments.length == 2 && method.equals("DELETE")) {
            registry.enforced().delete(decode(segments[1]));
            Wire.send(exchange, 200, Wire.object());
        } else {
            return false;
        }
        return true;
    }

    /** ApplyGuardrail: the text blocks of {@code content}, assessed as {@code source}. */
    ObjectNode apply(String identifier, String version, JsonNode request) {
        String source = request.path("source").asText(null);
        if (!"INPUT".equals(source) && !"OUTPUT".equals(source)) {
            throw GuardrailFault.validation(
                    "1 validation error detected: Value "
                            + (source == null ? "null" : "'" + source + "'")
                            + " at 'source' failed to satisfy constraint:"
                            + " Member must satisfy enum value set: [INPUT, OUTPUT]");
        }
        if (!request.path("content").isArray()) {
            throw GuardrailFault.validation(
                    "1 validation error detected: Value null at 'content' failed to satisfy"
                            + " constraint: Member must not be null");
        }
        GuardrailRegistry.Version guardrail = registry.resolve(identifier, version);
        GuardedContent content = GuardedContent.of(request.path("content"), "content");
        GuardrailEvaluator.Evaluation evaluation =
                GuardrailEvaluator.evaluate(
                        guardrail,
                        source,
                        content.guarded(),
                        content.grounding(),
                        content.images());
        List<String> texts = content.guarded();
        ObjectNode response = Wire.object();
        response.set("usage", evaluation.usage());
        response.put("action", evaluation.intervened() ? "GUARDRAIL_INTERVENED" : "NONE");
        if (evaluation.intervened()) {
            response.put(
                    "actionReason",
                    evaluation.blocked() ? "Guardrail blocked." : "Guardrail masked.");
        }
        ArrayNode outputs = response.putArray("outputs");
        if (evaluation.intervened()) {
            evaluation.outputs().forEach(text -> outputs.addObject().put("text", text));
        }
        response.putArray("assessments").add(evaluation.assessment());
        response.set(
                "guardrailCoverage",
                evaluation.assessment().path("invocationMetrics").path("guardrailCoverage"));
        return response;
    }

    private static Integer integer(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw GuardrailFault.validation(
                    "1 validation error detected: Value '"
                            + value
                            + "' at 'maxResults'"
                            + " failed to satisfy constraint: Member must be a number");
        }
    }

    private static String decode(String segment) {
        return URLDecoder.decode(segment, StandardCharsets.UTF_8);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                params.put(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
            }
        }
        return params;
    }
}
