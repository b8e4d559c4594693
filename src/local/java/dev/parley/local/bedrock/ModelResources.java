package dev.parley.local.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The account's own model resources that Converse and InvokeModel accept as a model id:
 * application inference profiles (CreateInferenceProfile, {@code POST /inference-profiles}: 201
 * {@code {inferenceProfileArn, status}}) and prompt routers (CreatePromptRouter,
 * {@code POST /prompt-routers}: 200 {@code {promptRouterArn}}), described (GetInferenceProfile,
 * {@code GET /inference-profiles/{identifier}}; GetPromptRouter, {@code GET /prompt-routers/{arn}})
 * and deleted ({@code DELETE} on the same paths; a deleted one is a ResourceNotFoundException to
 * describe and an unknown model id to call); shapes from botocore's {@code bedrock} service model. A call naming one runs on the model behind it; a router's answer
 * names that model in {@code trace.promptRouter.invokedModelId}, as Bedrock's does.
 *
 * <p>Emulator assumptions, not Bedrock facts: a resource's id is derived from its name (Bedrock's
 * are random), so a test can configure the ARN before creating it; a router always answers with
 * its fallback model (Bedrock predicts per request which of its models answers best). Like
 * guardrails, the resources are the account's: a reset does not delete them.
 */
final class ModelResources {
    private static final String ACCOUNT = FoundationModelsApi.ACCOUNT;

    /** Application profile or router ARN → the model id or inference profile id a call runs on. */
    private final Map<String, String> targets = new ConcurrentHashMap<>();

    private final Map<String, String> routers = new ConcurrentHashMap<>();

    /** Resource ARN → what GetInferenceProfile / GetPromptRouter answer for it. */
    private final Map<String, ObjectNode> descriptions = new ConcurrentHashMap<>();

    static boolean handles(String path, String method) {
        boolean create =
                "POST".equals(method)
                        && (path.equals("/inference-profiles") || path.equals("/prompt-routers"));
        boolean one =
                ("GET".equals(method) || "DELETE".equals(method))
                        && (path.startsWith("/inference-profiles/")
                                || path.startsWith("/prompt-routers/"));
        return create || one;
    }

    void handle(HttpExchange exchange, String region, byte[] body) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            describeOrDelete(exchange);
            return;
        }
        JsonNode request = Json.parseObject(body);
        if (exchange.getRequestURI().getRawPath().equals("/inference-profiles")) {
            String name = required(request, "inferenceProfileName");
            String source = required(request.path("modelSource"), "copyFrom");
            String arn =
                    "arn:aws:bedrock:"
                            + region
                            + ":"
                            + ACCOUNT
                            + ":application-inference-profile/"
                            + id(name);
            String target = modelOf(source, "modelSource.copyFrom");
            targets.put(arn, target);
            ObjectNode described =
                    Json.object()
                            .put("inferenceProfileName", name)
                            .put("inferenceProfileArn", arn)
                            .put("inferenceProfileId", id(name))
                            .put("status", "ACTIVE")
                            .put("type", "APPLICATION")
                            .put("createdAt", Instant.now().toString());
            described.putArray("models").add(foundationModel(region, target));
            descriptions.put(arn, described);
            ObjectNode response =
                    Json.object().put("inferenceProfileArn", arn).put("status", "ACTIVE");
            HttpIo.json(exchange, 201, response, Map.of());
        } else {
            String name = required(request, "promptRouterName");
            if (!request.path("models").isArray() || request.path("models").isEmpty()) {
                throw BedrockFault.validation("models must name at least one model");
            }
            for (JsonNode model : request.path("models")) {
                modelOf(required(model, "modelArn"), "models.modelArn");
            }
            String fallback = required(request.path("fallbackModel"), "modelArn");
            String arn = "arn:aws:bedrock:" + region + ":" + ACCOUNT + ":prompt-router/" + id(name);
            targets.put(arn, modelOf(fallback, "fallbackModel.modelArn"));
            routers.put(arn, fallback);
            ObjectNode described =
                    Json.object()
                            .put("promptRouterName", name)
                            .put("promptRouterArn", arn)
                            .put("status", "AVAILABLE")
                            .put("type", "custom")
                            .put("createdAt", Instant.now().toString());
            described.set("models", request.path("models").deepCopy());
            described.set("fallbackModel", request.path("fallbackModel").deepCopy());
            described.set("routingCriteria", request.path("routingCriteria").deepCopy());
            descriptions.put(arn, described);
            HttpIo.json(exchange, 200, Json.object().put("promptRouterArn", arn), Map.of());
        }
    }

    private void describeOrDelete(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        boolean profile = path.startsWith("/inference-profiles/");
        String identifier =
                URLDecoder.decode(path.substring(path.indexOf('/', 1) + 1), StandardCharsets.UTF_8);
        String kind = profile ? ":application-inference-profile/" : ":prompt-router/";
        String arn =
                descriptions.keySet().stream()
                        .filter(a -> a.contains(kind))
                        .filter(
                                a ->
                                        a.equals(identifier)
                                                || (profile && a.endsWith(kind + identifier)))
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        new BedrockFault(
                                                ErrorType.RESOURCE_NOT_FOUND,
                                                (profile ? "Inference profile " : "Prompt router ")
                                                        + identifier
                                                        + " not found."));
        if ("DELETE".equals(exchange.getRequestMethod())) {
            descriptions.remove(arn);
            targets.remove(arn);
            routers.remove(arn);
            HttpIo.json(exchange, 200, Json.object(), Map.of());
        } else {
            HttpIo.json(exchange, 200, descriptions.get(arn), Map.of());
        }
    }

    /** {@code {"modelArn": ...}} of the foundation model a model or profile id runs on. */
    private static ObjectNode foundationModel(String region, String id) {
        String base = ModelCatalog.resolve(id, System.currentTimeMillis()).spec().baseId();
        return Json.object()
                .put("modelArn", "arn:aws:bedrock:" + region + "::foundation-model/" + base);
    }

    /** The model id a call naming {@code modelId} runs on: the resource's model, or the id itself. */
    String target(String modelId) {
        return targets.getOrDefault(modelId, modelId);
    }

    /** For a call through a prompt router: the {@code trace.promptRouter} Bedrock adds to its answer. */
    Optional<ObjectNode> routerTrace(String modelId) {
        return Optional.ofNullable(routers.get(modelId))
                .map(
                        invoked ->
                                Json.object()
                                        .set(
                                                "promptRouter",
                                                Json.object().put("invokedModelId", invoked)));
    }

    /** A foundation-model or inference-profile ARN the emulator knows, as the id a call uses. */
    private static String modelOf(String arn, String field) {
        int slash = arn.indexOf('/');
        String resource = slash < 0 ? "" : arn.substring(arn.lastIndexOf(':', slash) + 1, slash);
        if (!arn.startsWith("arn:")
                || !(resource.equals("foundation-model") || resource.equals("inference-profile"))) {
            throw BedrockFault.validation(
                    field + " must be a foundation-model or inference-profile ARN");
        }
        String id = arn.substring(slash + 1);
        ModelCatalog.resolve(id, System.currentTimeMillis());
        return id;
    }

    private static String required(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw BedrockFault.validation(field + " is required");
        }
        return value.asText();
    }

    /** Twelve lowercase hex digits from the name (Bedrock's own ids are random). */
    private static String id(String name) {
        try {
            byte[] hash =
                    MessageDigest.getInstance("SHA-256")
                            .digest(name.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
