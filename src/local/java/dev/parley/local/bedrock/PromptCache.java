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
 * Which models cache, and their limits, is the emulator's model facts' ({@link ModelFacts}): {@code promptCacheMinTokens};
 * {@code promptCacheMaxTokens} (Nova: "a maximum of 20K tokens for prompt caching"; a checkpoint
 * past it is accepted but caches nothing, like one below the minimum); {@code promptCacheInTools}
 * (Claude takes checkpoints in the tool definitions, Nova in system and messages only); and
 * {@code promptCacheLongTtl} (the one-hour TTL: Claude 4.5 and later).
 * <p>
 * Refusals, with Bedrock's texts as public reports quote them: a model without prompt caching
 * answers AccessDenied "You invoked an unsupported model or your request did not allow prompt
 * caching."; Nova answers a checkpoint in the tools with "Malformed input request:
 * #/toolConfig/tools/N: extraneous key [cachePoint] is not permitted" and, per the same report, one
 * in an assistant turn or after a tool result likewise (the JSON path of that one is this
 * emulator's, not a quotation); a non-Anthropic model answers any {@code ttl}, even "5m", with
 * "Extended TTL prompt caching is only supported for Anthropic models"; an older Claude answers
 * {@code ttl: "1h"} with "Extra inputs are not permitted".
 */
final class PromptCache {

    static final String UNSUPPORTED =
            "You invoked an unsupported model or your request did not allow prompt caching."
                    + " See the documentation for more information.";
    private static final int MAX_CHECKPOINTS = 4;
    private static final long ONE_HOUR_MS = Duration.ofHours(1).toMillis();
    private static final long FIVE_MINUTES_MS = Duration.ofMinutes(5).toMillis();

    static final String EXTENDED_TTL =
            "Extended TTL prompt caching is only supported for Anthropic models";
    static final String EXTRA_INPUTS = "Extra inputs are not permitted";

    /**
     * What one request read from and wrote to the cache; {@code inputTokens} is the rest of its input;
     * {@code oneHourWrite} of the written tokens went in with the one-hour TTL (the usage's
     * {@code cacheDetails}).
     */
    record Accounting(
            int inputTokens,
            int cacheReadInputTokens,
            int cacheWriteInputTokens,
            int oneHourWrite) {

        Accounting(int inputTokens, int cacheReadInputTokens, int cacheWriteInputTokens) {
            this(inputTokens, cacheReadInputTokens, cacheWriteInputTokens, 0);
        }
    }

    private record Entry(long expiresAtMs, long ttlMs) {}

    /** A place between blocks: the tokens before it, the hash of the prefix, and whether a cachePoint marks it. */
    private record Boundary(int tokens, String hash, boolean checkpoint, long ttlMs) {}

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
        if (!model.features().promptCache()) {
            throw new BedrockFault(ErrorType.ACCESS_DENIED, UNSUPPORTED);
        }
        if (inTools && !model.features().promptCacheInTools()) {
            throw extraneous(
                    "toolConfig/tools/"
                            + indexOfCachePoint(request.path("toolConfig").path("tools")));
        }
        if (!model.features().promptCacheInTools()) {
            checkMessagePoints(request.path("messages"));
        }
        checkTtls(model, request);
        int count = countCachePoints(request);
        if (count > MAX_CHECKPOINTS) {
            throw BedrockFault.validation(
                    "A maximum of "
                            + MAX_CHECKPOINTS
                            + " cache checkpoints is allowed per"
                            + " request; the request has "
                            + count
                            + ".");
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
        int maxTokens =
                model.features().promptCacheMaxTokens() > 0
                        ? model.features().promptCacheMaxTokens()
                        : Integer.MAX_VALUE;
        List<Boundary> boundaries = boundaries(model.baseId(), request);
        if (boundaries.stream().noneMatch(Boundary::checkpoint)) {
            return java.util.Optional.empty();
        }
        int total = boundaries.get(boundaries.size() - 1).tokens();
        List<Boundary> counted = new ArrayList<>();
        int previous = 0;
        for (Boundary boundary : boundaries) {
            if (boundary.checkpoint()
                    && boundary.tokens() - previous >= minTokens
                    && boundary.tokens() <= maxTokens) {
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
        int oneHourWrite = 0;
        int written = read;
        for (Boundary boundary : counted) {
            if (boundary.tokens() > read) {
                entries.put(boundary.hash(), new Entry(now + boundary.ttlMs(), boundary.ttlMs()));
                // The tokens this checkpoint adds are written with its TTL.
                oneHourWrite += boundary.ttlMs() == ONE_HOUR_MS ? boundary.tokens() - written : 0;
                written = boundary.tokens();
            }
        }
        int write = Math.max(0, last.tokens() - read);
        return java.util.Optional.of(
                new Accounting(total - read - write, read, write, oneHourWrite));
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
            digest.update(
                    ("role:" + message.path("role").asText()).getBytes(StandardCharsets.UTF_8));
            walk(message.path("content"), "message", digest, tokens, boundaries);
        }
        return boundaries;
    }

    private static void walk(
            JsonNode blocks, String part, MessageDigest digest, int[] tokens, List<Boundary> out) {
        for (JsonNode block : blocks) {
            JsonNode point = block.get("cachePoint");
            if (point != null) {
                long ttl = "1h".equals(point.path("ttl").asText()) ? ONE_HOUR_MS : FIVE_MINUTES_MS;
                if (!out.isEmpty()) {
                    Boundary last = out.remove(out.size() - 1);
                    out.add(new Boundary(last.tokens(), last.hash(), true, ttl));
                }
                continue;
            }
            String text =
                    block.path("text").isTextual() ? block.get("text").asText() : Json.text(block);
            tokens[0] += Text.tokens(text);
            digest.update((part + ":" + Json.text(block)).getBytes(StandardCharsets.UTF_8));
            out.add(new Boundary(tokens[0], hash(digest), false, 0));
        }
    }

    private static BedrockFault extraneous(String path) {
        return BedrockFault.validation(
                "Malformed input request: #/"
                        + path
                        + ": extraneous key [cachePoint] is not"
                        + " permitted");
    }

    private static int indexOfCachePoint(JsonNode blocks) {
        for (int i = 0; i < blocks.size(); i++) {
            if (blocks.get(i).has("cachePoint")) {
                return i;
            }
        }
        return -1;
    }

    /** Nova: a checkpoint in messages follows a text block of a user turn. */
    private static void checkMessagePoints(JsonNode messages) {
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            JsonNode content = message.path("content");
            for (int j = 0; j < content.size(); j++) {
                if (content.get(j).has("cachePoint")
                        && (!"user".equals(message.path("role").asText())
                                || j == 0
                                || !content.get(j - 1).has("text"))) {
                    throw extraneous("messages/" + i + "/content/" + j);
                }
            }
        }
    }

    /** A ttl only where the model takes the extended TTL (any ttl on a non-Anthropic model is refused). */
    private static void checkTtls(ModelCatalog.ModelSpec model, JsonNode request) {
        List<JsonNode> lists =
                new ArrayList<>(
                        List.of(request.path("toolConfig").path("tools"), request.path("system")));
        request.path("messages").forEach(m -> lists.add(m.path("content")));
        for (JsonNode blocks : lists) {
            for (JsonNode block : blocks) {
                JsonNode ttl = block.path("cachePoint").get("ttl");
                if (ttl == null || ttl.isNull() || model.features().promptCacheLongTtl()) {
                    continue;
                }
                if (model.provider() != ModelCatalog.Provider.ANTHROPIC) {
                    throw BedrockFault.validation(EXTENDED_TTL);
                }
                if (!"5m".equals(ttl.asText())) {
                    throw BedrockFault.validation(EXTRA_INPUTS);
                }
            }
        }
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
        List<JsonNode> lists =
                new ArrayList<>(
                        List.of(request.path("toolConfig").path("tools"), request.path("system")));
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
