package dev.parley.bedrock;

import dev.parley.modelcall.ModelCall;
import dev.parley.modelcall.ModelFeatures;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.document.Document;

/**
 * Converse's {@code additionalModelRequestFields}: what a call asks of the model that Converse has
 * no field for. Thinking ({@link ConverseMapper#thinking}; Nova 2's {@code reasoningConfig}) and top-k, which Bedrock passes to the
 * model in the model's own words: {@code top_k} for Anthropic's Claude (its Messages API field),
 * {@code inferenceConfig.topK} for Amazon Nova (Bedrock's "Using the Converse API" page for Nova).
 * Other providers take no top-k through Converse, so it is left out for them.
 */
final class ModelFields {

    private ModelFields() {}

    static Optional<Document> of(ModelCall call) {
        Map<String, Document> fields = new LinkedHashMap<>();
        if (call.model().capabilities().reasoningMode() == ModelFeatures.Reasoning.EFFORT) {
            // Nova 2's opt-in reasoning: reasoningConfig, at the effort the reasoning policy
            // settled on.
            call.reasoningEffort()
                    .ifPresent(
                            effort ->
                                    fields.put(
                                            "reasoningConfig",
                                            Document.fromMap(
                                                    Map.of(
                                                            "type",
                                                            Document.fromString("enabled"),
                                                            "maxReasoningEffort",
                                                            Document.fromString(effort)))));
        } else {
            call.reasoning().ifPresent(ask -> fields.putAll(ConverseMapper.thinking(ask).asMap()));
        }
        call.inference()
                .topK()
                .ifPresent(
                        topK -> {
                            switch (call.model().provider()) {
                                case "anthropic" -> fields.put("top_k", Document.fromNumber(topK));
                                case "amazon" ->
                                        fields.put(
                                                "inferenceConfig",
                                                Document.fromMap(
                                                        Map.of("topK", Document.fromNumber(topK))));
                                default -> {
                                    // not offered through Converse: the model samples with its
                                    // default
                                }
                            }
                        });
        return fields.isEmpty() ? Optional.empty() : Optional.of(Document.fromMap(fields));
    }
}
