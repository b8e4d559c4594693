package dev.parley.local.bedrock;

import dev.parley.bedrock.FeatureMatrix;
import dev.parley.modelcall.ModelFeatures;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The foundation models the emulator knows, and how a request's model id resolves to one. The
 * models and their features are the emulator's own facts ({@link ModelFacts}, with their AWS
 * sources), not Parley's feature matrix: to add a model, add it to both, and the agreement test
 * holds them together.
 */
final class ModelCatalog {

    /** How a model wants its InvokeModel body; Converse is the same for every model. */
    enum Provider {
        ANTHROPIC,
        AMAZON_NOVA,
        META_LLAMA,
        DEEPSEEK,
        OPENAI,
        QWEN,
        MISTRAL
    }

    /** One foundation model: the emulator's facts about it and the InvokeModel body format of its provider. */
    record ModelSpec(ModelFeatures features, Provider provider) {

        String baseId() {
            return features.id();
        }

        int maxOutputTokens() {
            return features.maxOutputTokens();
        }

        /** No on-demand throughput for the bare id: only through a cross-region inference profile. */
        boolean profileOnly() {
            return features.profileOnly();
        }

        /** Refuses temperature and top-p together (Claude 4.5 generation). */
        boolean oneSamplingParameter() {
            return features.oneSamplingParameter();
        }
    }

    /**
     * A model past its end of life in the geography it was called through answers as Bedrock does
     * (aws-solutions-library-samples/accelerated-intelligent-document-processing-on-aws#708, live
     * Converse call of us.anthropic.claude-3-5-haiku on 2026-08-29; gsd-build/gsd-2#5425).
     */
    static final String END_OF_LIFE =
            "This model version has reached the end of its life."
                    + " Please refer to the AWS documentation for more details.";

    /** What a request named ({@code requestedId}) and the model it runs on. */
    record ResolvedModel(String requestedId, ModelSpec spec) {}

    private static final Map<String, ModelSpec> MODELS = table(ModelFacts.load());

    /** Cross-region inference profile ids are one of these geographies + a base model id. */
    static final List<String> PROFILE_PREFIXES = FeatureMatrix.PROFILE_PREFIXES;

    private ModelCatalog() {}

    static List<ModelSpec> all() {
        return List.copyOf(MODELS.values());
    }

    /**
     * Resolves a model id, inference profile id or ARN the way Bedrock checks it, failing with
     * the ValidationException texts Bedrock uses for an unknown id and for an on-demand call of
     * a model that is only offered through inference profiles.
     */
    static ResolvedModel resolve(String modelId, long nowMs) {
        String id = modelId == null ? "" : modelId.trim();
        boolean viaProfile = false;
        if (id.startsWith("arn:")) {
            // arn:aws:bedrock:<region>:<account>:inference-profile/<profile id>
            // arn:aws:bedrock:<region>::foundation-model/<model id>
            int slash = id.indexOf('/');
            String resource = slash < 0 ? "" : id.substring(id.lastIndexOf(':', slash) + 1, slash);
            id = slash < 0 ? "" : id.substring(slash + 1);
            if (resource.equals("inference-profile")) {
                viaProfile = true;
            } else if (!resource.equals("foundation-model")) {
                throw invalidIdentifier();
            }
        }
        for (String prefix : PROFILE_PREFIXES) {
            if (id.startsWith(prefix)) {
                ModelSpec spec = MODELS.get(id.substring(prefix.length()));
                if (spec == null) {
                    throw invalidIdentifier();
                }
                checkLife(spec, FeatureMatrix.geography(id), nowMs);
                return new ResolvedModel(modelId, spec);
            }
        }
        ModelSpec spec = MODELS.get(id);
        if (spec == null || viaProfile) {
            throw invalidIdentifier();
        }
        checkLife(spec, "default", nowMs);
        if (spec.profileOnly()) {
            // Bedrock's own wording, typographic apostrophe included.
            throw BedrockFault.validation(
                    "Invocation of model ID "
                            + spec.baseId()
                            + " with on-demand throughput isn\u2019t supported. Retry your request with the ID or ARN"
                            + " of an inference profile that contains this model.");
        }
        return new ResolvedModel(modelId, spec);
    }

    /**
     * Bedrock refuses a model on and after its end-of-life day (UTC), whatever the account. The day
     * is the emulator's (movable) clock's, so tests that move Parley's clock can move it too.
     */
    private static void checkLife(ModelSpec spec, String geography, long nowMs) {
        LocalDate today =
                java.time.Instant.ofEpochMilli(nowMs).atZone(ZoneOffset.UTC).toLocalDate();
        spec.features()
                .lifecycle()
                .eolDate(geography)
                .ifPresent(
                        eol -> {
                            if (!today.isBefore(eol)) {
                                throw new BedrockFault(ErrorType.RESOURCE_NOT_FOUND, END_OF_LIFE);
                            }
                        });
    }

    /** Whether {@code id} names an inference profile (a geography prefix before the model id). */
    static boolean isProfileId(String id) {
        return PROFILE_PREFIXES.stream().anyMatch(id::startsWith);
    }

    /** The model with this foundation model id, if the emulator knows it. */
    static java.util.Optional<ModelSpec> byBaseId(String id) {
        return java.util.Optional.ofNullable(MODELS.get(id));
    }

    private static BedrockFault invalidIdentifier() {
        return BedrockFault.validation("The provided model identifier is invalid.");
    }

    private static Map<String, ModelSpec> table(List<ModelFeatures> rows) {
        Map<String, ModelSpec> map = new LinkedHashMap<>();
        for (ModelFeatures row : rows) {
            Provider provider =
                    switch (row.provider()) {
                        case "anthropic" -> Provider.ANTHROPIC;
                        case "amazon" -> Provider.AMAZON_NOVA;
                        case "meta" -> Provider.META_LLAMA;
                        case "deepseek" -> Provider.DEEPSEEK;
                        case "openai" -> Provider.OPENAI;
                        case "qwen" -> Provider.QWEN;
                        case "mistral" -> Provider.MISTRAL;
                        default ->
                                throw new IllegalStateException(
                                        "emulator model facts "
                                                + row.id()
                                                + ": unknown provider "
                                                + row.provider());
                    };
            map.put(row.id(), new ModelSpec(row, provider));
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
