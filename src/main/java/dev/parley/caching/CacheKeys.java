package dev.parley.caching;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.modelcall.ChatMessage;
import dev.parley.modelcall.ContentBlock;
import dev.parley.modelcall.ContentJson;
import dev.parley.modelcall.ModelCall;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Response-cache keys: a SHA-256 of the normalized request (text with whitespace runs collapsed
 * and ends trimmed, JSON with sorted keys), the model id, the prompt version, the route and the
 * scope (the caller, unless the cache is shared). Cache points are left out: they do not change
 * the answer. The guardrail is in: an answer made without it must not be served with it.
 */
final class CacheKeys {
    private static final ObjectMapper JSON =
            new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private CacheKeys() {}

    static String forCall(String scope, String route, String promptVersion, ModelCall call) {
        ObjectNode key = base(scope, route, promptVersion, call.model().modelId());
        call.system().ifPresent(system -> key.put("system", normalize(system)));
        ArrayNode messages = key.putArray("messages");
        for (ChatMessage message : call.messages()) {
            ObjectNode m = messages.addObject().put("role", message.role().name());
            m.set("content", ContentJson.toJson(normalized(message.content())));
        }
        ObjectNode inference = key.putObject("inference");
        call.inference().temperature().ifPresent(t -> inference.put("temperature", t));
        call.inference().topP().ifPresent(p -> inference.put("topP", p));
        call.inference().maxTokens().ifPresent(m -> inference.put("maxTokens", m));
        call.tools()
                .ifPresent(
                        tools -> {
                            ArrayNode names = key.putArray("tools");
                            tools.tools().forEach(tool -> names.add(tool.name()));
                            key.put(
                                    "toolChoice",
                                    tools.choice().mode().name()
                                            + tools.choice()
                                                    .toolName()
                                                    .map(n -> ":" + n)
                                                    .orElse(""));
                        });
        call.reasoningBudget().ifPresent(budget -> key.put("reasoningBudget", budget));
        call.guardrail().ifPresent(g -> key.put("guardrail", g.identifier() + ":" + g.version()));
        return hash(key);
    }

    /** The key of an InvokeModel body (model-native JSON, normalized by sorting its keys). */
    static String forInvoke(String scope, String promptVersion, String modelId, JsonNode body) {
        ObjectNode key = base(scope, "invoke", promptVersion, modelId);
        key.set("body", sorted(body));
        return hash(key);
    }

    private static ObjectNode base(
            String scope, String route, String promptVersion, String modelId) {
        return JSON.createObjectNode()
                .put("scope", scope)
                .put("route", route)
                .put("promptVersion", promptVersion)
                .put("modelId", modelId);
    }

    private static List<ContentBlock> normalized(List<ContentBlock> content) {
        return content.stream()
                .map(
                        block ->
                                block instanceof ContentBlock.Text text
                                        ? (ContentBlock)
                                                new ContentBlock.Text(normalize(text.text()))
                                        : block)
                .toList();
    }

    static String normalize(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    private static JsonNode sorted(JsonNode node) {
        try {
            Object plain = JSON.treeToValue(node, Object.class);
            return JSON.readTree(JSON.writeValueAsBytes(plain));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hash(JsonNode key) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of()
                    .formatHex(
                            digest.digest(
                                    JSON.writeValueAsString(sorted(key))
                                            .getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
