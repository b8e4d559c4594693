package dev.parley.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.modelcall.ModelFeatures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
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
    public static final List<String> PROFILE_PREFIXES =
            List.of("us.", "eu.", "apac.", "jp.", "au.", "global.");

    /** The geographies an eolDate may name; {@code default} covers every other one. */
    public static final List<String> GEOGRAPHIES = List.of("us", "eu", "apac", "global", "default");

    private final Map<String, ModelFeatures> byId;
    private final java.util.Set<String> structuredOutput;

    private FeatureMatrix(Map<String, ModelFeatures> byId, java.util.Set<String> structuredOutput) {
        this.byId = Collections.unmodifiableMap(byId);
        this.structuredOutput = java.util.Set.copyOf(structuredOutput);
    }

    public static FeatureMatrix load() {
        try (InputStream in = FeatureMatrix.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        "the feature matrix " + RESOURCE + " is not on the classpath");
            }
            JsonNode root = new ObjectMapper().readTree(in);
            Map<String, ModelFeatures> rows = new LinkedHashMap<>();
            for (JsonNode row : root.path("models")) {
                ModelFeatures features = row(row);
                rows.put(features.id(), features);
            }
            rows.values()
                    .forEach(
                            row ->
                                    row.lifecycle()
                                            .replacement()
                                            .filter(r -> !rows.containsKey(r))
                                            .ifPresent(
                                                    r -> {
                                                        throw new IllegalStateException(
                                                                "feature matrix row "
                                                                        + row.id()
                                                                        + ": replacement '"
                                                                        + r
                                                                        + "' has no row of its own");
                                                    }));
            return new FeatureMatrix(rows, structuredOutput(root.path("structuredOutput"), rows));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "the feature matrix " + RESOURCE + " is not valid JSON", e);
        }
    }

    /** The row of a model id, inference profile id (its geography prefix stripped) or foundation-model ARN. */
    public Optional<ModelFeatures> find(String modelOrProfileId) {
        return Optional.ofNullable(byId.get(baseModelId(modelOrProfileId)));
    }

    /**
     * Whether the model takes Bedrock's native structured output ({@code outputConfig.textFormat}
     * and {@code toolSpec.strict}): the matrix's {@code structuredOutput} column, kept as its own
     * section of the file ({@code structuredOutput.models}, with its {@code source}).
     */
    public boolean structuredOutput(String modelOrProfileId) {
        return structuredOutput.contains(baseModelId(modelOrProfileId));
    }

    private static java.util.Set<String> structuredOutput(
            JsonNode section, Map<String, ModelFeatures> rows) {
        java.util.Set<String> models = new java.util.LinkedHashSet<>();
        if (section.isMissingNode()) {
            return models;
        }
        if (!section.path("source").isTextual()) {
            throw new IllegalStateException(
                    "feature matrix: 'structuredOutput.source' must say where the column comes from");
        }
        for (JsonNode id : section.path("models")) {
            if (!rows.containsKey(id.asText())) {
                throw new IllegalStateException(
                        "feature matrix: structuredOutput model '"
                                + id.asText()
                                + "' has no row of its own");
            }
            models.add(id.asText());
        }
        return models;
    }

    public List<ModelFeatures> all() {
        return List.copyOf(byId.values());
    }

    /**
     * The lifecycle geography of a catalog id: its profile's ({@code jp.} and {@code au.} count as
     * {@code apac}), or {@code default} for an in-Region id.
     */
    public static String geography(String id) {
        String prefix = profilePrefix(id).orElse("default.");
        String geography = prefix.substring(0, prefix.length() - 1);
        return geography.equals("jp") || geography.equals("au") ? "apac" : geography;
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
            ModelFeatures features = features(id, row);
            if (features.promptCache()) {
                text(row, "promptCacheSource");
            } else if (features.promptCacheMaxTokens() != 0
                    || features.promptCacheInTools()
                    || features.promptCacheLongTtl()) {
                throw new IllegalArgumentException("prompt-cache cells need 'promptCache': true");
            }
            return features;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("feature matrix row " + id + ": " + e.getMessage(), e);
        }
    }

    private static ModelFeatures features(String id, JsonNode row) {
        return new ModelFeatures(
                id,
                text(row, "name"),
                text(row, "provider"),
                number(row, "maxOutputTokens"),
                number(row, "contextTokens"),
                flag(row, "profileOnly"),
                flag(row, "converse"),
                flag(row, "converseStream"),
                flag(row, "system"),
                flag(row, "documents"),
                flag(row, "vision"),
                flag(row, "tools"),
                flag(row, "streamingTools"),
                flag(row, "guardrails"),
                flag(row, "promptCache"),
                number(row, "promptCacheMinTokens"),
                number(row, "promptCacheMaxTokens"),
                flag(row, "promptCacheInTools"),
                flag(row, "promptCacheLongTtl"),
                ModelFeatures.Reasoning.valueOf(
                        text(row, "reasoning").replace('-', '_').toUpperCase(Locale.ROOT)),
                flag(row, "oneSamplingParameter"),
                flag(row, "defaultSamplingOnly"),
                toolChoice(row),
                lifecycle(row));
    }

    /** The tool choices a model with tool use takes (at least {@code auto}); none without tool use. */
    private static List<String> toolChoice(JsonNode row) {
        JsonNode value = row.get("toolChoice");
        if (value == null || !value.isArray()) {
            throw new IllegalArgumentException(
                    "'toolChoice' must be a list of " + ModelFeatures.TOOL_CHOICES);
        }
        List<String> choices = new java.util.ArrayList<>();
        value.forEach(
                choice -> {
                    if (!ModelFeatures.TOOL_CHOICES.contains(choice.asText())) {
                        throw new IllegalArgumentException(
                                "'toolChoice' '"
                                        + choice.asText()
                                        + "' is not one of "
                                        + ModelFeatures.TOOL_CHOICES);
                    }
                    choices.add(choice.asText());
                });
        if (flag(row, "tools") != choices.contains("auto")) {
            throw new IllegalArgumentException(
                    "'toolChoice' lists auto exactly when 'tools' is true");
        }
        if (!choices.isEmpty()) {
            text(row, "toolChoiceSource");
        }
        return choices;
    }

    /** legacyDate, eolDate (one date, or one per geography) and replacement; all optional, an eolDate needs a legacyDate. */
    private static ModelFeatures.LifecycleDates lifecycle(JsonNode row) {
        Optional<LocalDate> legacy =
                row.has("legacyDate")
                        ? Optional.of(date(row.get("legacyDate"), "legacyDate"))
                        : Optional.empty();
        Map<String, LocalDate> eol = new LinkedHashMap<>();
        JsonNode eolNode = row.get("eolDate");
        if (eolNode != null && eolNode.isObject()) {
            eolNode.fields()
                    .forEachRemaining(
                            e -> {
                                if (!GEOGRAPHIES.contains(e.getKey())) {
                                    throw new IllegalArgumentException(
                                            "'eolDate' geography '"
                                                    + e.getKey()
                                                    + "' is not one of "
                                                    + GEOGRAPHIES);
                                }
                                eol.put(e.getKey(), date(e.getValue(), "eolDate." + e.getKey()));
                            });
        } else if (eolNode != null) {
            eol.put("default", date(eolNode, "eolDate"));
        }
        if (!eol.isEmpty() && legacy.isEmpty()) {
            throw new IllegalArgumentException(
                    "'eolDate' needs a 'legacyDate' (the Deprecation header's date)");
        }
        Optional<String> replacement =
                row.has("replacement") ? Optional.of(text(row, "replacement")) : Optional.empty();
        return new ModelFeatures.LifecycleDates(legacy, eol, replacement);
    }

    private static LocalDate date(JsonNode value, String field) {
        try {
            return LocalDate.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "'" + field + "' must be a date YYYY-MM-DD, not '" + value.asText() + "'");
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
