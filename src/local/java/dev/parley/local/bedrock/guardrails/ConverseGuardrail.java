package dev.parley.local.bedrock.guardrails;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Converse's {@code guardrailConfig} for one request. The input assessment covers the
 * {@code guardContent} blocks when the request has any (system or messages), otherwise the text of
 * every message; tool results are never assessed, as AWS documents. A BLOCK ends the call with the
 * guardrail's blocked-input message and no model call; ANONYMIZE masks the text the model reads.
 * The output assessment covers the model's text; the trace collects both when it is enabled.
 */
public final class ConverseGuardrail {

    private final String id;
    private final GuardrailRegistry.Version guardrail;
    private final String trace;
    private final boolean async;
    private final ObjectNode traceBody = Wire.object();
    private boolean intervened;
    private String actionReason;

    private ConverseGuardrail(
            String id, GuardrailRegistry.Version guardrail, String trace, boolean async) {
        this.id = id;
        this.guardrail = guardrail;
        this.trace = trace;
        this.async = async;
    }

    /** The request's guardrail, or empty when it has no {@code guardrailConfig}; refuses unknown ones. */
    public static Optional<ConverseGuardrail> of(
            GuardrailRegistry registry, JsonNode request, boolean streaming) {
        JsonNode config = request.get("guardrailConfig");
        if (config == null || config.isNull()) {
            return Optional.empty();
        }
        List<String> errors = new ArrayList<>();
        for (String field : List.of("guardrailIdentifier", "guardrailVersion")) {
            if (!config.path(field).isTextual()) {
                errors.add(
                        "Value null at 'guardrailConfig."
                                + field
                                + "' failed to satisfy constraint: Member must"
                                + " not be null");
            }
        }
        String trace = config.path("trace").asText("disabled");
        if (!List.of("enabled", "disabled", "enabled_full").contains(trace)) {
            errors.add(
                    "Value '"
                            + trace
                            + "' at 'guardrailConfig.trace' failed to satisfy constraint: Member must"
                            + " satisfy enum value set: [enabled, disabled, enabled_full]");
        }
        String mode = config.path("streamProcessingMode").asText("sync");
        if (streaming && !List.of("sync", "async").contains(mode)) {
            errors.add(
                    "Value '"
                            + mode
                            + "' at 'guardrailConfig.streamProcessingMode' failed to satisfy constraint:"
                            + " Member must satisfy enum value set: [sync, async]");
        }
        if (!errors.isEmpty()) {
            throw GuardrailFault.validation(
                    errors.size()
                            + " validation error"
                            + (errors.size() == 1 ? "" : "s")
                            + " detected: "
                            + String.join("; ", errors));
        }
        String identifier = config.get("guardrailIdentifier").asText();
        GuardrailRegistry.Version version =
                registry.resolve(identifier, config.get("guardrailVersion").asText());
        return Optional.of(
                new ConverseGuardrail(
                        GuardrailRegistry.idOf(identifier),
                        version,
                        trace,
                        streaming && mode.equals("async")));
    }

    /**
     * InvokeModel's guardrail, from its request headers ({@code X-Amzn-Bedrock-GuardrailIdentifier},
     * {@code -GuardrailVersion}, {@code X-Amzn-Bedrock-Trace}: ENABLED, DISABLED or ENABLED_FULL;
     * AWS's InvokeModel reference); empty without an identifier. The identifier needs its version.
     */
    public static Optional<ConverseGuardrail> forInvoke(
            GuardrailRegistry registry, String identifier, String version, String trace) {
        if (identifier == null || identifier.isBlank()) {
            return Optional.empty();
        }
        if (version == null || version.isBlank()) {
            throw GuardrailFault.validation(
                    "Guardrail version is required when a guardrail identifier is specified.");
        }
        String mode = trace == null ? "disabled" : trace.toLowerCase(java.util.Locale.ROOT);
        if (!List.of("enabled", "disabled", "enabled_full").contains(mode)) {
            throw GuardrailFault.validation(
                    "1 validation error detected: Value '"
                            + trace
                            + "' at 'trace' failed to"
                            + " satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED, ENABLED_FULL]");
        }
        return Optional.of(
                new ConverseGuardrail(
                        GuardrailRegistry.idOf(identifier),
                        registry.resolve(identifier, version),
                        mode,
                        false));
    }

    /** Async streaming: text goes out as the model writes it, and is assessed when the model is done. */
    public boolean asyncStream() {
        return async;
    }

    /**
     * Assesses the input of {@code request}, masking anonymized PII in place. Returns the blocked
     * message when the guardrail blocks the input (the model must then not run).
     */
    public Optional<String> checkInput(JsonNode request) {
        List<ObjectNode> holders = new ArrayList<>();
        collectGuardContent(request.path("system"), holders);
        for (JsonNode message : request.path("messages")) {
            collectGuardContent(message.path("content"), holders);
        }
        if (holders.isEmpty()) {
            for (JsonNode message : request.path("messages")) {
                for (JsonNode block : message.path("content")) {
                    if (block.path("text").isTextual()) {
                        holders.add((ObjectNode) block);
                    }
                }
            }
        }
        List<String> texts = holders.stream().map(h -> h.path("text").asText()).toList();
        GuardrailEvaluator.Evaluation evaluation = assessInput(texts);
        if (evaluation.blocked()) {
            return Optional.of(evaluation.outputs().get(0));
        }
        if (evaluation.anonymized()) {
            for (int i = 0; i < holders.size(); i++) {
                holders.get(i).put("text", evaluation.outputs().get(i));
            }
        }
        return Optional.empty();
    }

    /** Assesses an InvokeModel body's input texts; returns the blocked message when the guardrail blocks them. */
    public Optional<String> checkInputTexts(List<String> texts) {
        GuardrailEvaluator.Evaluation evaluation = assessInput(texts);
        return evaluation.blocked() ? Optional.of(evaluation.outputs().get(0)) : Optional.empty();
    }

    private GuardrailEvaluator.Evaluation assessInput(List<String> texts) {
        GuardrailEvaluator.Evaluation evaluation =
                GuardrailEvaluator.evaluate(guardrail, "INPUT", texts);
        traceBody.putObject("inputAssessment").set(id, evaluation.assessment());
        if (evaluation.blocked()) {
            intervened = true;
            actionReason = "Guardrail blocked.";
        } else if (evaluation.anonymized()) {
            intervened = true;
            actionReason = "Guardrail masked.";
        }
        return evaluation;
    }

    /** Assesses the model's text; returns what replaces it when the guardrail intervenes (blocked or masked). */
    public Optional<String> checkOutput(String text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        GuardrailEvaluator.Evaluation evaluation =
                GuardrailEvaluator.evaluate(guardrail, "OUTPUT", List.of(text));
        ArrayNode assessments = traceBody.putObject("outputAssessments").putArray(id);
        assessments.add(evaluation.assessment());
        if (!evaluation.intervened()) {
            return Optional.empty();
        }
        intervened = true;
        if (evaluation.blocked() || actionReason == null) {
            actionReason = evaluation.blocked() ? "Guardrail blocked." : "Guardrail masked.";
        }
        if ("enabled_full".equals(trace)) {
            traceBody.putArray("modelOutput").add(text);
        }
        return Optional.of(evaluation.outputs().get(0));
    }

    /** True once an assessment blocked or masked something: the stop reason is {@code guardrail_intervened}. */
    public boolean intervened() {
        return intervened;
    }

    /** The response's {@code trace} member, or empty when the request did not enable the trace. */
    public Optional<ObjectNode> trace() {
        if ("disabled".equals(trace)) {
            return Optional.empty();
        }
        ObjectNode body = traceBody.deepCopy();
        if (actionReason != null) {
            body.put("actionReason", actionReason);
        }
        ObjectNode out = Wire.object();
        out.set("guardrail", body);
        return Optional.of(out);
    }

    private static void collectGuardContent(JsonNode blocks, List<ObjectNode> holders) {
        for (JsonNode block : blocks) {
            JsonNode text = block.path("guardContent").path("text");
            if (text.path("text").isTextual()) {
                holders.add((ObjectNode) text);
            }
        }
    }
}
