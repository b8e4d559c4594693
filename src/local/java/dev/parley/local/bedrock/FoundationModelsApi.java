package dev.parley.local.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.parley.modelcall.ModelFeatures;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Bedrock control plane's model catalogue operations, what a deployer's catalog check asks:
 * ListFoundationModels ({@code GET /foundation-models}), ListInferenceProfiles
 * ({@code GET /inference-profiles}) and GetFoundationModelAvailability
 * ({@code GET /foundation-model-availability/{modelId}}). Shapes follow botocore's
 * {@code bedrock} service-2.json (restJson, timestamps ISO-8601). The models are the
 * emulator's own model facts, dated by its movable clock: a model past its end of life is no longer listed (AWS: "after the EOL
 * date, the model version can only be found on this documentation page"), a legacy one carries
 * {@code modelLifecycle.status: LEGACY} with its dates. Emulator assumptions, not Bedrock facts:
 * every profile-only, Amazon or Anthropic model has us./eu./apac. system-defined profiles, other
 * Meta models us. only, Anthropic models and Nova 2 also global.; every model is available to the account unless a
 * test says otherwise ({@code POST /_emulator/availability}). A test can also move a model's
 * lifecycle as AWS would announce it ({@code POST /_emulator/lifecycle}): ListFoundationModels then
 * reports the new status and dates, and stops listing the model on its new end of life.
 */
final class FoundationModelsApi {
    static final String ACCOUNT = "123456789012";
    private static final Pattern REGION = Pattern.compile("Credential=[^/]+/\\d{8}/([a-z0-9-]+)/");
    private static final Map<String, String> PROVIDERS =
            Map.of(
                    "anthropic",
                    "Anthropic",
                    "amazon",
                    "Amazon",
                    "meta",
                    "Meta",
                    "deepseek",
                    "DeepSeek",
                    "openai",
                    "OpenAI",
                    "qwen",
                    "Qwen",
                    "mistral",
                    "Mistral AI");

    /** Availability answers a test scripted, by base model id. */
    private final Map<String, JsonNode> availability = new ConcurrentHashMap<>();

    /** Lifecycles a test announced (status, legacyTime, endOfLifeTime), by base model id. */
    private final Map<String, Lifecycle> lifecycles = new ConcurrentHashMap<>();

    /** The emulator's clock (epoch milliseconds): lifecycle states follow it, not the wall clock. */
    private final java.util.function.LongSupplier clock;

    FoundationModelsApi(java.util.function.LongSupplier clock) {
        this.clock = clock;
    }

    static boolean handles(String path) {
        return path.equals("/foundation-models")
                || path.equals("/inference-profiles")
                || path.startsWith("/foundation-model-availability/");
    }

    void reset() {
        availability.clear();
        lifecycles.clear();
    }

    /** A model's lifecycle as ListFoundationModels reports it: {@code ACTIVE} or {@code LEGACY}, and its dates. */
    record Lifecycle(
            String status,
            java.util.Optional<LocalDate> legacyDate,
            java.util.Optional<LocalDate> eolDate) {}

    /**
     * {@code {"modelId": ..., "status": "ACTIVE" | "LEGACY", "legacyTime"?: "2026-12-01", "endOfLifeTime"?:
     * "2027-06-01"}}: what AWS announces for a model (its legacy date, its end of life), replacing the
     * model facts' dates.
     */
    void scriptLifecycle(JsonNode body) {
        String id = body.path("modelId").asText("");
        if (ModelCatalog.all().stream().noneMatch(m -> m.baseId().equals(id))) {
            throw new IllegalArgumentException(
                    "modelId must be a base model id the emulator knows, not '" + id + "'");
        }
        String status = body.path("status").asText("");
        if (!status.equals("ACTIVE") && !status.equals("LEGACY")) {
            throw new IllegalArgumentException(
                    "status must be ACTIVE or LEGACY (FoundationModelLifecycleStatus)");
        }
        lifecycles.put(
                id, new Lifecycle(status, day(body, "legacyTime"), day(body, "endOfLifeTime")));
    }

    private static java.util.Optional<LocalDate> day(JsonNode body, String field) {
        if (!body.hasNonNull(field)) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(LocalDate.parse(body.path(field).asText()));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(
                    field + " must be a date YYYY-MM-DD, not '" + body.path(field).asText() + "'");
        }
    }

    /**
     * The runtime's side of an announced end of life: on and after it, Bedrock answers the model as
     * it answers any model past its end of life (the facts' own dates are checked by {@link ModelCatalog}).
     */
    void refuseAfterAnnouncedEnd(ModelCatalog.ModelSpec spec) {
        if (lifecycles.containsKey(spec.baseId()) && pastEndOfLife(spec.features())) {
            throw new BedrockFault(ErrorType.RESOURCE_NOT_FOUND, ModelCatalog.END_OF_LIFE);
        }
    }

    /** The model's lifecycle today: what a test announced, else the model facts' dates. */
    Lifecycle lifecycle(ModelFeatures row) {
        Lifecycle announced = lifecycles.get(row.id());
        if (announced != null) {
            return announced;
        }
        boolean legacy = row.lifecycle().legacyDate().map(d -> !today().isBefore(d)).orElse(false);
        return legacy
                ? new Lifecycle(
                        "LEGACY", row.lifecycle().legacyDate(), row.lifecycle().eolDate("default"))
                : new Lifecycle("ACTIVE", java.util.Optional.empty(), java.util.Optional.empty());
    }

    /** {@code {"modelId": ..., "authorizationStatus"?, "entitlementAvailability"?, "regionAvailability"?, "agreementStatus"?}} */
    void script(JsonNode body) {
        String id = body.path("modelId").asText("");
        if (ModelCatalog.all().stream().noneMatch(m -> m.baseId().equals(id))) {
            throw new IllegalArgumentException(
                    "modelId must be a base model id the emulator knows, not '" + id + "'");
        }
        availability.put(id, body.deepCopy());
    }

    void handle(HttpExchange exchange) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod())) {
            HttpIo.error(
                    exchange,
                    ErrorType.UNKNOWN_OPERATION,
                    ErrorType.UNKNOWN_OPERATION.defaultMessage());
            return;
        }
        String path = exchange.getRequestURI().getRawPath();
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        String region = region(exchange);
        if (path.equals("/foundation-models")) {
            HttpIo.json(exchange, 200, foundationModels(region, query), Map.of());
        } else if (path.equals("/inference-profiles")) {
            HttpIo.json(exchange, 200, inferenceProfiles(region, query), Map.of());
        } else {
            String id =
                    URLDecoder.decode(
                            path.substring("/foundation-model-availability/".length()),
                            StandardCharsets.UTF_8);
            HttpIo.json(exchange, 200, availability(id), Map.of());
        }
    }

    private boolean pastEndOfLife(ModelFeatures row) {
        java.util.Optional<LocalDate> eol =
                lifecycles.containsKey(row.id())
                        ? lifecycles.get(row.id()).eolDate()
                        : row.lifecycle().eolDate("default");
        return eol.map(day -> !today().isBefore(day)).orElse(false);
    }

    /** Today by the emulator's movable clock, so lifecycle dates pass when a test moves it. */
    private LocalDate today() {
        return java.time.Instant.ofEpochMilli(clock.getAsLong())
                .atZone(ZoneOffset.UTC)
                .toLocalDate();
    }

    /** The bedrock service's Timestamp shape is ISO-8601 ({@code timestampFormat: iso8601} in service-2.json). */
    private static String timestamp(LocalDate date) {
        return date.atStartOfDay(ZoneOffset.UTC).toInstant().toString();
    }

    private ObjectNode foundationModels(String region, Map<String, String> query) {
        ArrayNode summaries = Json.array();
        for (ModelCatalog.ModelSpec spec : ModelCatalog.all()) {
            ModelFeatures row = spec.features();
            String provider = PROVIDERS.getOrDefault(row.provider(), row.provider());
            String inferenceType = row.profileOnly() ? "INFERENCE_PROFILE" : "ON_DEMAND";
            if (pastEndOfLife(row)
                    || (query.containsKey("byProvider")
                            && !provider.equalsIgnoreCase(query.get("byProvider")))
                    || (query.containsKey("byInferenceType")
                            && !inferenceType.equals(query.get("byInferenceType")))
                    || (query.containsKey("byOutputModality")
                            && !"TEXT".equals(query.get("byOutputModality")))
                    || query.containsKey("byCustomizationType")) {
                continue;
            }
            ObjectNode summary = summaries.addObject();
            summary.put("modelArn", "arn:aws:bedrock:" + region + "::foundation-model/" + row.id());
            summary.put("modelId", row.id());
            summary.put("modelName", row.name());
            summary.put("providerName", provider);
            ArrayNode input = summary.putArray("inputModalities").add("TEXT");
            if (row.vision()) {
                input.add("IMAGE");
            }
            summary.putArray("outputModalities").add("TEXT");
            summary.put("responseStreamingSupported", row.converseStream());
            summary.putArray("customizationsSupported");
            summary.putArray("inferenceTypesSupported").add(inferenceType);
            ObjectNode lifecycle = summary.putObject("modelLifecycle");
            Lifecycle today = lifecycle(row);
            lifecycle.put("status", today.status());
            today.legacyDate().ifPresent(day -> lifecycle.put("legacyTime", timestamp(day)));
            today.eolDate().ifPresent(day -> lifecycle.put("endOfLifeTime", timestamp(day)));
        }
        ObjectNode response = Json.object();
        response.set("modelSummaries", summaries);
        return response;
    }

    /** The system-defined profiles of each listed model (see the class comment for which exist). */
    private ObjectNode inferenceProfiles(String region, Map<String, String> query) {
        List<ObjectNode> all = new ArrayList<>();
        if (!"APPLICATION".equals(query.get("type"))) {
            for (ModelCatalog.ModelSpec spec : ModelCatalog.all()) {
                ModelFeatures row = spec.features();
                if (pastEndOfLife(row)) {
                    continue;
                }
                Map<String, String> geographies = new LinkedHashMap<>();
                if (row.profileOnly()
                        || row.provider().equals("amazon")
                        || row.provider().equals("anthropic")) {
                    geographies.put("us", "US");
                    geographies.put("eu", "EU");
                    geographies.put("apac", "APAC");
                } else if (row.provider().equals("meta")) {
                    // The seed's cross-region example: AWS lists US profiles for the Llama 3.x
                    // models.
                    geographies.put("us", "US");
                }
                if (row.provider().equals("anthropic") || row.id().startsWith("amazon.nova-2")) {
                    geographies.put("global", "Global");
                }
                geographies.forEach(
                        (prefix, label) -> {
                            ObjectNode profile = Json.object();
                            String id = prefix + "." + row.id();
                            profile.put("inferenceProfileName", label + " " + row.name());
                            profile.put(
                                    "description",
                                    "Routes requests to "
                                            + row.name()
                                            + " in "
                                            + label
                                            + " Regions.");
                            profile.put(
                                    "inferenceProfileArn",
                                    "arn:aws:bedrock:"
                                            + region
                                            + ":"
                                            + ACCOUNT
                                            + ":inference-profile/"
                                            + id);
                            profile.putArray("models")
                                    .addObject()
                                    .put(
                                            "modelArn",
                                            "arn:aws:bedrock:"
                                                    + region
                                                    + "::foundation-model/"
                                                    + row.id());
                            profile.put("inferenceProfileId", id);
                            profile.put("status", "ACTIVE");
                            profile.put("type", "SYSTEM_DEFINED");
                            all.add(profile);
                        });
            }
        }
        int start = parseInt(query.get("nextToken"), 0, "nextToken");
        int max = parseInt(query.get("maxResults"), 1000, "maxResults");
        if (max < 1 || max > 1000 || start < 0) {
            throw BedrockFault.validation("maxResults must be between 1 and 1000");
        }
        ObjectNode response = Json.object();
        ArrayNode page = response.putArray("inferenceProfileSummaries");
        all.subList(Math.min(start, all.size()), Math.min(start + max, all.size()))
                .forEach(page::add);
        if (start + max < all.size()) {
            response.put("nextToken", String.valueOf(start + max));
        }
        return response;
    }

    private ObjectNode availability(String id) {
        ModelCatalog.ModelSpec spec =
                ModelCatalog.all().stream()
                        .filter(m -> m.baseId().equals(id))
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        BedrockFault.validation(
                                                "The provided model identifier is invalid."));
        JsonNode scripted = availability.getOrDefault(id, Json.object());
        boolean gone = pastEndOfLife(spec.features());
        ObjectNode response = Json.object();
        response.put("modelId", id);
        ObjectNode agreement = response.putObject("agreementAvailability");
        agreement.put("status", scripted.path("agreementStatus").asText("AVAILABLE"));
        response.put(
                "authorizationStatus", scripted.path("authorizationStatus").asText("AUTHORIZED"));
        response.put(
                "entitlementAvailability",
                scripted.path("entitlementAvailability")
                        .asText(gone ? "NOT_AVAILABLE" : "AVAILABLE"));
        response.put(
                "regionAvailability",
                scripted.path("regionAvailability").asText(gone ? "NOT_AVAILABLE" : "AVAILABLE"));
        return response;
    }

    /** The Region the SDK signed for (SigV4 credential scope), us-east-1 when unsigned. */
    static String region(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Matcher m = REGION.matcher(authorization == null ? "" : authorization);
        return m.find() ? m.group(1) : "us-east-1";
    }

    private static int parseInt(String value, int fallback, String name) {
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw BedrockFault.validation(name + " must be a number");
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name =
                    URLDecoder.decode(
                            eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            query.put(
                    name,
                    eq < 0
                            ? ""
                            : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return query;
    }
}
