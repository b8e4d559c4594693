package dev.parley.local.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.modelcall.ModelFeatures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The emulator's own facts about each foundation model ({@code bedrock-models.json} beside this
 * class in src/local/resources): limits, Converse features, prompt-cache thresholds, sampling
 * rules and lifecycle dates, each group with the AWS page it was taken from. It is deliberately
 * not Parley's feature matrix: the emulator enforces these facts, Parley plans by its matrix, and
 * a test compares the two, so a wrong belief on either side shows up as a disagreement instead of
 * being mirrored. The rows take the shape of Parley's {@link ModelFeatures} record only so that
 * the emulator's rules read like Parley's; nothing is shared but the shape.
 */
final class ModelFacts {

    static final String RESOURCE = "dev/parley/local/bedrock/bedrock-models.json";

    /** The fact groups that must name their AWS source. */
    static final List<String> GROUPS =
            List.of("limits", "converse", "promptCache", "behaviour", "lifecycle");

    private ModelFacts() {}

    static List<ModelFeatures> load() {
        try (InputStream in = ModelFacts.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        "the emulator's model facts " + RESOURCE + " are not on the classpath");
            }
            List<ModelFeatures> rows = new ArrayList<>();
            for (JsonNode model : Json.MAPPER.readTree(in).path("models")) {
                rows.add(row(model));
            }
            return List.copyOf(rows);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "the emulator's model facts " + RESOURCE + " are not valid JSON", e);
        }
    }

    private static ModelFeatures row(JsonNode model) {
        String id = model.path("id").asText();
        for (String group : GROUPS) {
            if (model.path(group).path("source").asText("").isBlank()) {
                throw new IllegalStateException(
                        "emulator model facts "
                                + id
                                + ": group '"
                                + group
                                + "' names no AWS source");
            }
        }
        JsonNode limits = model.path("limits");
        JsonNode converse = model.path("converse");
        JsonNode cache = model.path("promptCache");
        JsonNode behaviour = model.path("behaviour");
        List<String> toolChoice = new ArrayList<>();
        converse.path("toolChoice").forEach(kind -> toolChoice.add(kind.asText()));
        return new ModelFeatures(
                id,
                model.path("name").asText(id),
                model.path("provider").asText(),
                limits.path("maxOutputTokens").asInt(),
                limits.path("contextTokens").asInt(),
                behaviour.path("profileOnly").asBoolean(),
                converse.path("converse").asBoolean(),
                converse.path("converseStream").asBoolean(),
                converse.path("system").asBoolean(),
                converse.path("documents").asBoolean(),
                converse.path("vision").asBoolean(),
                converse.path("tools").asBoolean(),
                converse.path("streamingTools").asBoolean(),
                converse.path("guardrails").asBoolean(),
                cache.path("supported").asBoolean(),
                cache.path("minTokens").asInt(),
                cache.path("maxTokens").asInt(),
                cache.path("inTools").asBoolean(),
                cache.path("longTtl").asBoolean(),
                ModelFeatures.Reasoning.valueOf(
                        behaviour
                                .path("reasoning")
                                .asText("none")
                                .toUpperCase(Locale.ROOT)
                                .replace('-', '_')),
                behaviour.path("oneSamplingParameter").asBoolean(),
                behaviour.path("defaultSamplingOnly").asBoolean(),
                toolChoice,
                lifecycle(model.path("lifecycle")));
    }

    private static ModelFeatures.LifecycleDates lifecycle(JsonNode lifecycle) {
        Map<String, LocalDate> eol = new LinkedHashMap<>();
        JsonNode eolDate = lifecycle.path("eolDate");
        if (eolDate.isTextual()) {
            eol.put("default", LocalDate.parse(eolDate.asText()));
        } else if (eolDate.isObject()) {
            eolDate.fields()
                    .forEachRemaining(
                            e -> eol.put(e.getKey(), LocalDate.parse(e.getValue().asText())));
        }
        return new ModelFeatures.LifecycleDates(
                Optional.ofNullable(lifecycle.get("legacyDate"))
                        .map(d -> LocalDate.parse(d.asText())),
                eol,
                Optional.ofNullable(lifecycle.get("replacement")).map(JsonNode::asText));
    }
}
