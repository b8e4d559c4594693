package dev.parley.anthropic;

import dev.parley.modelcall.ModelSpec;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * The model list in Anthropic's shape ({@code GET /v1/models}): every catalog model by its Parley
 * alias, which the Messages route accepts as {@code model}. Bedrock's catalog carries no creation
 * date, so {@code created_at} is the Unix epoch (the field is required by the SDKs).
 */
final class AnthropicModels {
    static final String CREATED_AT = "1970-01-01T00:00:00Z";

    @RegisterForReflection
    record ModelInfo(String id, String type, String display_name, String created_at) {}

    @RegisterForReflection
    record ModelPage(List<ModelInfo> data, boolean has_more, String first_id, String last_id) {}

    private AnthropicModels() {}

    static ModelInfo info(ModelSpec spec) {
        String anthropic = ModelNames.anthropicName(spec);
        String display =
                spec.alias()
                        + " ("
                        + spec.modelId()
                        + (anthropic == null ? "" : ", " + anthropic)
                        + ")";
        return new ModelInfo(spec.alias(), "model", display, CREATED_AT);
    }

    static ModelPage page(List<ModelSpec> models) {
        List<ModelInfo> data = models.stream().map(AnthropicModels::info).toList();
        return new ModelPage(
                data,
                false,
                data.isEmpty() ? null : data.get(0).id(),
                data.isEmpty() ? null : data.get(data.size() - 1).id());
    }
}
