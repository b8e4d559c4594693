package dev.parley.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The per-model feature matrix, read from the classpath resource {@value #RESOURCE}. Parley's
 * catalog takes every capability and limit from it, and the Bedrock emulator reads the same file,
 * so what Parley allows and what the stand-in enforces cannot disagree.
 */
public final class FeatureMatrix {
    public static final String RESOURCE = "bedrock/model-features.json";

    /** Cross-Region inference profile ids are one of these geographies followed by a base model id. */
    public static final List<String> PROFILE_PREFIXES = List.of("us.", "eu.", "apac.", "jp.", "au.", "global.");

    private final Map<String, ModelFeatures> byId;

    private FeatureMatrix(Map<String, ModelFeatures> byId) {
        this.byId = Collections.unmodifiableMap(byId);
    }

    public static FeatureMatrix load() {
        try (InputStream in = FeatureMatrix.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the feature matrix " + RESOURCE + " is not on the classpath");
            }
            JsonNode root = new ObjectMapper().readTree(in);
            Map<String, ModelFeatures> rows = new LinkedHashMap<>();
            for (JsonNode row : root.path("models")) {
                ModelFeatures features = row(row);
                rows.put(features.id(), features);
            }
            return new FeatureMatrix(rows);
        } catch (IOException e) {
            throw new UncheckedIOException("the feature matrix " + RESOURCE + " is not valid JSON", e);
        }
    }

    /** The row of a model id, inference profile id (its geography prefix stripped) or foundation-model ARN. */
    public Optional<ModelFeatures> find(String modelOrProfileId) {
        return Optional.ofNullable(byId.get(baseModelId(modelOrProfileId)));
    }

    public List<ModelFeatures> all() {
        return List.copyOf(byId.values());
    }

    /** {@code us.anthropic.claude-...} → {@code anthropic.claude-...}; a bare id is returned as it is. */
    public static String baseModelId(String id) {
        String bare = id.substring(id.lastIndexOf('/') + 1);
        for (String prefix : PROFILE_PREFIXES) {
            if (bare.startsWith(prefix)) {
                return bare.substring(prefix.length());
            }
        }
        return bare;
    }

    /** The geography prefix of an inference profile id ({@code us.}, {@code global.}, ...), or empty for a bare id. */
    public static Optional<String> profilePrefix(String id) {
        return PROFILE_PREFIXES.stream().filter(id::startsWith).findFirst();
    }

    private static ModelFeatures row(JsonNode row) {
        String id = text(row, "id");
        try {
            return new ModelFeatures(id, text(row, "name"), text(row, "provider"), number(row, "maxOutputTokens"),
                    number(row, "contextTokens"), flag(row, "profileOnly"), flag(row, "converse"),
                    flag(row, "converseStream"), flag(row, "system"), flag(row, "documents"), flag(row, "vision"),
                    flag(row, "tools"), flag(row, "streamingTools"), flag(row, "guardrails"), flag(row, "promptCache"),
                    number(row, "promptCacheMinTokens"),
                    ModelFeatures.Reasoning.valueOf(text(row, "reasoning").toUpperCase(Locale.ROOT)),
                    flag(row, "oneSamplingParameter"),
                    ModelFeatures.Lifecycle.valueOf(text(row, "lifecycle").toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("feature matrix row " + id + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode row, String field) {
        JsonNode value = row.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' must be a string");
        }
        return value.asText();
    }

    private static int number(JsonNode row, String field) {
        JsonNode value = row.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw new IllegalArgumentException("'" + field + "' must be a number");
        }
        return value.asInt();
    }

    private static boolean flag(JsonNode row, String field) {
        JsonNode value = row.get(field);
        if (value == null || !value.isBoolean()) {
            throw new IllegalArgumentException("'" + field + "' must be true or false");
        }
        return value.asBoolean();
    }
}
