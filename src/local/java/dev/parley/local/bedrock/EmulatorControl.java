package dev.parley.local.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A small client for the emulator's {@code /_emulator/} endpoints, for tests and local runs.
 * Every method throws {@link IllegalStateException} when the emulator refuses the request.
 */
public final class EmulatorControl {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final URI endpoint;
    private final HttpClient http =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();

    public EmulatorControl(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** Clears the script queue, the call log, the latency, the prompt cache and the clock offset. */
    public void reset() {
        send("POST", "reset", "{}");
    }

    /** The next call (for this model id, or any model when null) answers with this text. */
    public void scriptText(String modelIdOrNull, String text) {
        ObjectNode entry = entry(modelIdOrNull);
        entry.putObject("reply").put("text", text);
        script(entry.toString());
    }

    /** The next call answers with one tool use; {@code inputJson} is the tool input object. */
    public void scriptToolUse(String modelIdOrNull, String name, String inputJson) {
        ObjectNode entry = entry(modelIdOrNull);
        ObjectNode use = entry.putObject("reply").putArray("toolUse").addObject().put("name", name);
        use.set("input", read(inputJson == null || inputJson.isBlank() ? "{}" : inputJson));
        script(entry.toString());
    }

    /** The next call fails with this Bedrock error type, e.g. {@code ThrottlingException}. */
    public void scriptError(String modelIdOrNull, String errorType, String message) {
        ObjectNode entry = entry(modelIdOrNull);
        ObjectNode error = entry.putObject("reply").putObject("error").put("type", errorType);
        if (message != null) {
            error.put("message", message);
        }
        script(entry.toString());
    }

    /** Queues any entry (or JSON array of entries) in the {@code /_emulator/script} format. */
    public void script(String entryJson) {
        send("POST", "script", entryJson);
    }

    /** Sleeps before the first stream delta and between deltas (in total for non-stream calls). */
    public void latency(long firstTokenMs, long perTokenMs) {
        send(
                "POST",
                "latency",
                MAPPER.createObjectNode()
                        .put("firstTokenMs", firstTokenMs)
                        .put("perTokenMs", perTokenMs)
                        .toString());
    }

    /**
     * What GetFoundationModelAvailability answers for {@code baseModelId} until the next reset, e.g.
     * {@code authorizationStatus: NOT_AUTHORIZED} or {@code agreementStatus: NOT_AVAILABLE}.
     */
    public void availability(String baseModelId, String field, String value) {
        send(
                "POST",
                "availability",
                MAPPER.createObjectNode().put("modelId", baseModelId).put(field, value).toString());
    }

    /**
     * Announces a lifecycle for {@code baseModelId} as AWS would (until the next reset):
     * ListFoundationModels reports {@code status} ({@code ACTIVE} or {@code LEGACY}) with these dates
     * (null: none), and stops listing the model on and after {@code endOfLife}.
     */
    public void lifecycle(
            String baseModelId,
            String status,
            java.time.LocalDate legacy,
            java.time.LocalDate endOfLife) {
        var body = MAPPER.createObjectNode().put("modelId", baseModelId).put("status", status);
        if (legacy != null) {
            body.put("legacyTime", legacy.toString());
        }
        if (endOfLife != null) {
            body.put("endOfLifeTime", endOfLife.toString());
        }
        send("POST", "lifecycle", body.toString());
    }

    /**
     * Enforces guardrail {@code id} version {@code version} on the account as its AWS Organization
     * would (until {@link #clearOrganizationGuardrail}; it outlives reset), on {@code includedModels}
     * only when any are named.
     */
    public void organizationGuardrail(String id, String version, String... includedModels) {
        var body =
                MAPPER.createObjectNode()
                        .put("guardrailIdentifier", id)
                        .put("guardrailVersion", version);
        var models = body.putArray("includedModels");
        for (String model : includedModels) {
            models.add(model);
        }
        send("POST", "organization-guardrail", body.toString());
    }

    /** Detaches the organization's enforced guardrail. */
    public void clearOrganizationGuardrail() {
        send("DELETE", "organization-guardrail", "{}");
    }

    /** Moves the emulator's clock forward (prompt-cache entries expire by it); reset puts it back. */
    public void advanceClock(long millis) {
        send("POST", "clock", MAPPER.createObjectNode().put("advanceMs", millis).toString());
    }

    /**
     * Sets the emulator's clock to {@code now} (it runs on from there): lifecycle dates and
     * prompt-cache expiry follow it. Tests that move Parley's clock move this one with it.
     */
    public void setClock(java.time.Instant now) {
        send("POST", "clock", MAPPER.createObjectNode().put("at", now.toString()).toString());
    }

    /** Latency as {@link #latency}, plus time to read the prompt per 1,000 tokens not read from the prompt cache. */
    public void latency(long firstTokenMs, long perTokenMs, long prefillMsPerThousandTokens) {
        send(
                "POST",
                "latency",
                MAPPER.createObjectNode()
                        .put("firstTokenMs", firstTokenMs)
                        .put("perTokenMs", perTokenMs)
                        .put("prefillMsPerThousandTokens", prefillMsPerThousandTokens)
                        .toString());
    }

    /** The base model ids the emulator's control plane lists now (ListFoundationModels, by its clock). */
    public List<String> foundationModelIds() {
        HttpRequest request =
                HttpRequest.newBuilder(endpoint.resolve("/foundation-models"))
                        .timeout(Duration.ofSeconds(30))
                        .GET()
                        .build();
        try {
            List<String> ids = new ArrayList<>();
            read(http.send(request, HttpResponse.BodyHandlers.ofString()).body())
                    .path("modelSummaries")
                    .forEach(m -> ids.add(m.path("modelId").asText()));
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException("Bedrock emulator unreachable at " + endpoint, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling the Bedrock emulator", e);
        }
    }

    /** Holds every streamed delta until {@link #releaseDeltas} lets it through (a reset lets them all go). */
    public void holdDeltas() {
        send("POST", "deltas", "{\"hold\": true}");
    }

    /** Lets {@code count} more held deltas through; answers how many have gone through since the hold. */
    public int releaseDeltas(int count) {
        return read(send("POST", "deltas", "{\"release\": " + count + "}")).path("passed").asInt();
    }

    /** Stops holding deltas and lets every held one go; answers how many had gone through. */
    public int releaseAllDeltas() {
        return read(send("POST", "deltas", "{\"hold\": false}")).path("passed").asInt();
    }

    /** Model calls received since the last reset, oldest first. */
    public List<JsonNode> calls() {
        List<JsonNode> calls = new ArrayList<>();
        read(send("GET", "calls", null)).path("calls").forEach(calls::add);
        return calls;
    }

    private static ObjectNode entry(String modelIdOrNull) {
        ObjectNode entry = MAPPER.createObjectNode();
        if (modelIdOrNull != null) {
            entry.put("modelId", modelIdOrNull);
        }
        return entry;
    }

    private String send(String method, String action, String body) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(endpoint.resolve("/_emulator/" + action))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json");
        request =
                body == null
                        ? request.GET()
                        : request.method(method, HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response =
                    http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(
                        "Bedrock emulator refused "
                                + action
                                + " ("
                                + response.statusCode()
                                + "): "
                                + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("Bedrock emulator unreachable at " + endpoint, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling the Bedrock emulator", e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON: " + json, e);
        }
    }
}
