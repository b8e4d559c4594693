package dev.parley.local.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.parley.local.bedrock.guardrails.GuardrailFault;
import java.io.IOException;
import java.util.Map;

/**
 * The test-facing endpoints under {@code /_emulator/}: HTTP rather than Java calls so that
 * tests in another class loader (Quarkus) or a shell with curl can drive the emulator.
 */
final class ControlService {

    private final EmulatorState state;

    ControlService(EmulatorState state) {
        this.state = state;
    }

    void handle(HttpExchange exchange, String action, byte[] body) throws IOException {
        String method = exchange.getRequestMethod();
        try {
            switch (action) {
                case "reset" -> {
                    requireMethod(method, "POST");
                    state.reset();
                    ok(exchange, Json.object().put("reset", true));
                }
                case "script" -> {
                    requireMethod(method, "POST");
                    JsonNode json = parse(body);
                    // One entry, or a list of entries queued in order.
                    for (JsonNode entry : json.isArray() ? json : Json.array().add(json)) {
                        ScriptEntry.parse(entry);
                    }
                    for (JsonNode entry : json.isArray() ? json : Json.array().add(json)) {
                        state.queue().add(ScriptEntry.parse(entry));
                    }
                    ok(exchange, Json.object().put("queued", state.queue().size()));
                }
                case "availability" -> {
                    // What GetFoundationModelAvailability answers for one model (a deployer's
                    // account without access).
                    requireMethod(method, "POST");
                    state.foundationModels().script(parse(body));
                    ok(exchange, Json.object().put("scripted", true));
                }
                case "lifecycle" -> {
                    // What ListFoundationModels reports for one model: AWS moving it to legacy or
                    // end of life.
                    requireMethod(method, "POST");
                    state.foundationModels().scriptLifecycle(parse(body));
                    ok(exchange, Json.object().put("scripted", true));
                }
                case "clock" -> {
                    requireMethod(method, "POST");
                    JsonNode json = parse(body);
                    if (json.has("at")) {
                        // An absolute instant: tests move Parley's clock and this one together.
                        state.setClock(instant(json.path("at").asText()));
                        ok(exchange, Json.object().put("nowMs", state.nowMs()));
                        return;
                    }
                    long advance = json.path("advanceMs").asLong(0);
                    if (advance < 0) {
                        throw new IllegalArgumentException(
                                "advanceMs must be 0 or more milliseconds");
                    }
                    state.advanceClock(advance);
                    ok(exchange, Json.object().put("advancedMs", advance));
                }
                case "latency" -> {
                    requireMethod(method, "POST");
                    JsonNode json = parse(body);
                    long first = json.path("firstTokenMs").asLong(0);
                    long perToken = json.path("perTokenMs").asLong(0);
                    if (first < 0 || perToken < 0) {
                        throw new IllegalArgumentException(
                                "latencies must be 0 or more milliseconds");
                    }
                    state.latency(new EmulatorState.Latency(first, perToken));
                    long prefill = json.path("prefillMsPerThousandTokens").asLong(0);
                    if (prefill < 0) {
                        throw new IllegalArgumentException(
                                "prefillMsPerThousandTokens must be 0 or more");
                    }
                    state.prefillMsPerThousandTokens(prefill);
                    ok(
                            exchange,
                            Json.object().put("firstTokenMs", first).put("perTokenMs", perToken));
                }
                case "deltas" -> {
                    // {"hold": true} holds every streamed delta; {"release": n} lets n more
                    // through;
                    // {"hold": false} lets them all go. The answer says how many have gone through.
                    requireMethod(method, "POST");
                    JsonNode json = parse(body);
                    if (json.has("hold")) {
                        if (json.path("hold").asBoolean()) {
                            state.deltaGate().hold();
                        } else {
                            state.deltaGate().open();
                        }
                    }
                    int release = json.path("release").asInt(0);
                    if (release < 0) {
                        throw new IllegalArgumentException("release must be 0 or more deltas");
                    }
                    if (release > 0) {
                        state.deltaGate().release(release);
                    }
                    ok(exchange, Json.object().put("passed", state.deltaGate().passed()));
                }
                case "organization-guardrail" -> {
                    // What an AWS Organizations Amazon Bedrock policy enforces on this (member)
                    // account: POST sets it, DELETE detaches it.
                    if (method.equals("DELETE")) {
                        state.guardrails().enforced().clearOrganization();
                    } else {
                        requireMethod(method, "POST");
                        try {
                            state.guardrails().enforced().enforceForOrganization(parse(body));
                        } catch (GuardrailFault e) {
                            throw new IllegalArgumentException(e.getMessage());
                        }
                    }
                    ok(exchange, Json.object().put("enforced", method.equals("POST")));
                }
                case "calls" -> {
                    requireMethod(method, "GET");
                    ok(exchange, Json.object().set("calls", state.calls()));
                }
                default ->
                        HttpIo.json(
                                exchange,
                                404,
                                Json.object()
                                        .put("message", "no such emulator endpoint: " + action),
                                Map.of());
            }
        } catch (IllegalArgumentException e) {
            HttpIo.json(exchange, 400, Json.object().put("message", e.getMessage()), Map.of());
        } catch (MethodNotAllowed e) {
            HttpIo.json(
                    exchange,
                    405,
                    Json.object().put("message", e.getMessage()),
                    Map.of("Allow", e.allowed));
        }
    }

    private static long instant(String iso) {
        try {
            return java.time.Instant.parse(iso).toEpochMilli();
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "at must be an ISO-8601 instant such as 2027-01-01T00:00:00Z");
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? Json.object() : Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("the body is not valid JSON");
        }
    }

    private static void ok(HttpExchange exchange, JsonNode body) throws IOException {
        HttpIo.json(exchange, 200, body, Map.of());
    }

    private static void requireMethod(String method, String allowed) {
        if (!allowed.equals(method)) {
            throw new MethodNotAllowed(allowed);
        }
    }

    private static final class MethodNotAllowed extends RuntimeException {
        final String allowed;

        MethodNotAllowed(String allowed) {
            super("use " + allowed, null, false, false);
            this.allowed = allowed;
        }
    }
}
