package dev.parley.local.bedrock;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The foundation models the emulator knows, and how a request's model id resolves to one.
 * To add a model, add a line to {@link #MODELS}.
 */
final class ModelCatalog {

    /** How a model wants its InvokeModel body; Converse is the same for every model. */
    enum Provider { ANTHROPIC, AMAZON_NOVA, META_LLAMA, DEEPSEEK }

    /**
     * One foundation model. {@code profileOnly} marks models Bedrock serves only through a
     * cross-region inference profile (no on-demand throughput for the bare id);
     * {@code oneSamplingParameter} marks models that refuse temperature and top-p together
     * (Claude 4.5 generation).
     */
    record ModelSpec(String baseId, Provider provider, int maxOutputTokens, boolean profileOnly,
            boolean oneSamplingParameter) {
    }

    /** What a request named ({@code requestedId}) and the model it runs on. */
    record ResolvedModel(String requestedId, ModelSpec spec) {
    }

    private static final boolean PROFILE_ONLY = true;
    private static final boolean ON_DEMAND = false;

    private static final Map<String, ModelSpec> MODELS = table(
            new ModelSpec("anthropic.claude-3-7-sonnet-20250219-v1:0", Provider.ANTHROPIC, 8192, PROFILE_ONLY, false),
            new ModelSpec("anthropic.claude-3-5-sonnet-20241022-v2:0", Provider.ANTHROPIC, 8192, ON_DEMAND, false),
            new ModelSpec("anthropic.claude-3-5-haiku-20241022-v1:0", Provider.ANTHROPIC, 8192, ON_DEMAND, false),
            new ModelSpec("anthropic.claude-sonnet-4-20250514-v1:0", Provider.ANTHROPIC, 64000, PROFILE_ONLY, false),
            new ModelSpec("anthropic.claude-sonnet-4-5-20250929-v1:0", Provider.ANTHROPIC, 64000, PROFILE_ONLY, true),
            new ModelSpec("anthropic.claude-haiku-4-5-20251001-v1:0", Provider.ANTHROPIC, 64000, PROFILE_ONLY, true),
            new ModelSpec("amazon.nova-pro-v1:0", Provider.AMAZON_NOVA, 5120, ON_DEMAND, false),
            new ModelSpec("amazon.nova-lite-v1:0", Provider.AMAZON_NOVA, 5120, ON_DEMAND, false),
            new ModelSpec("amazon.nova-micro-v1:0", Provider.AMAZON_NOVA, 5120, ON_DEMAND, false),
            new ModelSpec("meta.llama3-1-70b-instruct-v1:0", Provider.META_LLAMA, 2048, ON_DEMAND, false),
            new ModelSpec("deepseek.r1-v1:0", Provider.DEEPSEEK, 32768, PROFILE_ONLY, false));

    /** Cross-region inference profile ids are one of these geographies + a base model id. */
    static final List<String> PROFILE_PREFIXES = List.of("us.", "eu.", "apac.", "global.");

    private ModelCatalog() {
    }

    static List<ModelSpec> all() {
        return List.copyOf(MODELS.values());
    }

    /**
     * Resolves a model id, inference profile id or ARN the way Bedrock checks it, failing with
     * the ValidationException texts Bedrock uses for an unknown id and for an on-demand call of
     * a model that is only offered through inference profiles.
     */
    static ResolvedModel resolve(String modelId) {
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
                return new ResolvedModel(modelId, spec);
            }
        }
        ModelSpec spec = MODELS.get(id);
        if (spec == null || viaProfile) {
            throw invalidIdentifier();
        }
        if (spec.profileOnly()) {
            // Bedrock's own wording, typographic apostrophe included.
            throw BedrockFault.validation("Invocation of model ID " + spec.baseId()
                    + " with on-demand throughput isn\u2019t supported. Retry your request with the ID or ARN"
                    + " of an inference profile that contains this model.");
        }
        return new ResolvedModel(modelId, spec);
    }

    private static BedrockFault invalidIdentifier() {
        return BedrockFault.validation("The provided model identifier is invalid.");
    }

    private static Map<String, ModelSpec> table(ModelSpec... specs) {
        Map<String, ModelSpec> map = new LinkedHashMap<>();
        for (ModelSpec spec : specs) {
            map.put(spec.baseId(), spec);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
