package dev.parley.local.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Bedrock's prompt caching for Converse: {@code cachePoint} blocks in {@code toolConfig.tools},
 * {@code system} and message content mark prompt prefixes (read in the order tools, system,
 * messages, as Anthropic models read them). A checkpoint counts only when the tokens since the
 * previous counted one reach the model's minimum; a request reads the longest cached prefix
 * among its block boundaries up to its last checkpoint, and writes the counted checkpoints past
 * it. Entries live five minutes (one hour with {@code ttl: "1h"}), refreshed by every hit.
 * Which models cache, and their minimums, is the feature matrix's ({@code promptCache},
 * {@code promptCacheMinTokens}); only Anthropic models take a checkpoint in the tool definitions
 * (Bedrock's table lists system, messages and tools for Claude, system and messages for Nova).
 * Models without prompt caching refuse cache points with Bedrock's own message.
 */
final class PromptCache {

    static final String UNSUPPORTED = "You invoked an unsupported model or your request did not allow prompt caching."
            + " See the documentation for more information.";
    private static final int MAX_CHECKPOINTS = 4;

    /** What one request read from and wrote to the cache; {@code inputTokens} is the rest of its input. */
    record Accounting(int inputTokens, int cacheReadInputTokens, int cacheWriteInputTokens) {
    }

    private record Entry(long expiresAtMs, long ttlMs) {
    }

    /** A place between blocks: the tokens before it, the hash of the prefix, and whether a cachePoint marks it. */
    private record Boundary(int tokens, String hash, boolean checkpoint, long ttlMs) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final LongSupplier clockMs;

    PromptCache(LongSupplier clockMs) {
        this.clockMs = clockMs;
    }

    void clear() {
        entries.clear();
    }

    /** Refuses cache points the model cannot take, before the model runs. */
    static void check(ModelCatalog.ModelSpec model, JsonNode request) {
        boolean inTools = hasCachePoint(request.path("toolConfig").path("tools"));
        boolean anywhere = inTools || hasCachePoint(request.path("system"));
        for (JsonNode message : request.path("messages")) {
            anywhere |= hasCachePoint(message.path("content"));
        }
        if (!anywhere) {
            return;
        }
        if (!model.features().promptCache() || inTools && !toolsTakeCheckpoints(model)) {
            throw new BedrockFault(ErrorType.ACCESS_DENIED, UNSUPPORTED);
        }
        int count = countCachePoints(request);
        if (count > MAX_CHECKPOINTS) {
            throw BedrockFault.validation("A maximum of " + MAX_CHECKPOINTS + " cache checkpoints is allowed per"
                    + " request; the request has " + count + ".");
        }
    }

    /**
     * The cache usage of a request with cache points, or empty when it has none ({@code fullInputTokens}
     * then stays the usage's input).
     */
    java.util.Optional<Accounting> account(ModelCatalog.ModelSpec model, JsonNode request) {
        if (!model.features().promptCache()) {
            return java.util.Optional.empty();
        }
        int minTokens = model.features().promptCacheMinTokens();
        List<Boundary> boundaries = boundaries(model.baseId(), request);
        if (boundaries.stream().noneMatch(Boundary::checkpoint)) {
            return java.util.Optional.empty();
        }
        int total = boundaries.get(boundaries.size() - 1).tokens();
        List<Boundary> counted = new ArrayList<>();
        int previous = 0;
        for (Boundary boundary : boundaries) {
            if (boundary.checkpoint() && boundary.tokens() - previous >= minTokens) {
                counted.add(boundary);
                previous = boundary.tokens();
            }
        }
        if (counted.isEmpty()) {
            return java.util.Optional.of(new Accounting(total, 0, 0));
        }
        long now = clockMs.getAsLong();
        Boundary last = counted.get(counted.size() - 1);
        int read = 0;
        for (Boundary boundary : boundaries) {
            if (boundary.tokens() > last.tokens()) {
                break;
            }
            Entry entry = entries.get(boundary.hash());
            if (entry != null && entry.expiresAtMs() > now && boundary.tokens() > read) {
                read = boundary.tokens();
                entries.put(boundary.hash(), new Entry(now + entry.ttlMs(), entry.ttlMs()));
            }
        }
        for (Boundary boundary : counted) {
            if (boundary.tokens() > read) {
                entries.put(boundary.hash(), new Entry(now + boundary.ttlMs(), boundary.ttlMs()));
            }
        }
        int write = Math.max(0, last.tokens() - read);
        return java.util.Optional.of(new Accounting(total - read - write, read, write));
    }

    /** Every boundary after a block, in prompt order: tools, system, then each message's blocks. */
    private static List<Boundary> boundaries(String baseModelId, JsonNode request) {
        List<Boundary> boundaries = new ArrayList<>();
        MessageDigest digest = sha256();
        digest.update(baseModelId.getBytes(StandardCharsets.UTF_8));
        int[] tokens = {0};
        walk(request.path("toolConfig").path("tools"), "tools", digest, tokens, boundaries);
        walk(request.path("system"), "system", digest, tokens, boundaries);
        for (JsonNode message : request.path("messages")) {
            digest.update(("role:" + message.path("role").asText()).getBytes(StandardCharsets.UTF_8));
            walk(message.path("content"), "message", digest, tokens, boundaries);
        }
        return boundaries;
    }

    private static void walk(JsonNode blocks, String part, MessageDigest digest, int[] tokens, List<Boundary> out) {
        for (JsonNode block : blocks) {
            JsonNode point = block.get("cachePoint");
            if (point != null) {
                long ttl = "1h".equals(point.path("ttl").asText()) ? Duration.ofHours(1).toMillis()
                        : Duration.ofMinutes(5).toMillis();
                if (!out.isEmpty()) {
                    Boundary last = out.remove(out.size() - 1);
                    out.add(new Boundary(last.tokens(), last.hash(), true, ttl));
                }
                continue;
            }
            String text = block.path("text").isTextual() ? block.get("text").asText() : Json.text(block);
            tokens[0] += Text.tokens(text);
            digest.update((part + ":" + Json.text(block)).getBytes(StandardCharsets.UTF_8));
            out.add(new Boundary(tokens[0], hash(digest), false, 0));
        }
    }

    private static boolean toolsTakeCheckpoints(ModelCatalog.ModelSpec model) {
        return model.provider() == ModelCatalog.Provider.ANTHROPIC;
    }

    private static boolean hasCachePoint(JsonNode blocks) {
        for (JsonNode block : blocks) {
            if (block.has("cachePoint")) {
                return true;
            }
        }
        return false;
    }

    private static int countCachePoints(JsonNode request) {
        int count = 0;
        List<JsonNode> lists = new ArrayList<>(List.of(request.path("toolConfig").path("tools"), request.path("system")));
        request.path("messages").forEach(m -> lists.add(m.path("content")));
        for (JsonNode blocks : lists) {
            for (JsonNode block : blocks) {
                count += block.has("cachePoint") ? 1 : 0;
            }
        }
        return count;
    }

    /** The hash so far, without ending the running digest. */
    private static String hash(MessageDigest digest) {
        try {
            return HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
