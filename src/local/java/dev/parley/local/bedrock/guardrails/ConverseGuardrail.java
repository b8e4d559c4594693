package dev.parley.local.bedrock.guardrails;

import com.fasterxml.jackson.databind.JsonNode;
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

    private final List<EnforcedGuardrails.Applied> guardrails;
    private final String trace;
    private final boolean async;
    private final ObjectNode traceBody = Wire.object();
    private GroundingCheck.Context grounding = GroundingCheck.Context.NONE;
    private boolean intervened;
    private String actionReason;

    ConverseGuardrail(List<EnforcedGuardrails.Applied> guardrails, String trace, boolean async) {
        this.guardrails = List.copyOf(guardrails);
        this.trace = trace;
        this.async = async;
    }

    /**
     * The call's guardrails: the request's own (when it has a {@code guardrailConfig}) and the
     * account-enforced one that covers {@code modelId} (PutEnforcedGuardrailConfiguration); empty
     * when neither applies. The trace follows the request's {@code trace} setting.
     */
    public static Optional<ConverseGuardrail> of(
            GuardrailRegistry registry, JsonNode request, boolean streaming, String modelId) {
        return withEnforced(of(registry, request, streaming), registry, modelId);
    }

    /** {@code own} with the account's enforced guardrail that covers {@code modelId}, if any. */
    static Optional<ConverseGuardrail> withEnforced(
            Optional<ConverseGuardrail> own, GuardrailRegistry registry, String modelId) {
        List<EnforcedGuardrails.Applied> enforced = registry.enforced().covering(modelId);
        if (enforced.isEmpty()) {
            return own;
        }
        List<EnforcedGuardrails.Applied> all = new ArrayList<>();
        own.ifPresent(g -> all.addAll(g.guardrails));
        all.addAll(enforced);
        return Optional.of(
                new ConverseGuardrail(
                        all,
                        own.map(g -> g.trace).orElse("disabled"),
                        own.map(g -> g.async).orElse(false)));
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
                        List.of(EnforcedGuardrails.Applied.request(identifier, version)),
                        trace,
                        streaming && mode.equals("async")));
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
        StringBuilder source = new StringBuilder();
        StringBuilder query = new StringBuilder();
        int[] images = {0};
        collectGuardContent(request.path("system"), holders, source, query, images);
        for (JsonNode message : request.path("messages")) {
            collectGuardContent(message.path("content"), holders, source, query, images);
        }
        grounding = GuardedContent.context(source, query);
        if (holders.isEmpty() && images[0] == 0) {
            for (JsonNode message : request.path("messages")) {
                for (JsonNode block : message.path("content")) {
                    if (block.path("text").isTextual()) {
                        holders.add((ObjectNode) block);
                    } else if (block.has("image")) {
                        images[0]++;
                    }
                }
            }
        }
        List<String> texts = holders.stream().map(h -> h.path("text").asText()).toList();
        Optional<GuardrailEvaluator.Evaluation> blocking = Optional.empty();
        for (EnforcedGuardrails.Applied guardrail : guardrails) {
            GuardrailEvaluator.Evaluation evaluation = assessInput(guardrail, texts, images[0]);
            if (evaluation.blocked()) {
                blocking = blocking.or(() -> Optional.of(evaluation));
            } else if (evaluation.anonymized()) {
                texts = evaluation.outputs();
            }
        }
        if (blocking.isPresent()) {
            return Optional.of(blocking.get().outputs().get(0));
        }
        for (int i = 0; i < holders.size(); i++) {
            holders.get(i).put("text", texts.get(i));
        }
        return Optional.empty();
    }

    /** Assesses an InvokeModel body's input texts; returns the blocked message when the guardrail blocks them. */
    public Optional<String> checkInputTexts(List<String> texts) {
        Optional<String> blocked = Optional.empty();
        for (EnforcedGuardrails.Applied guardrail : guardrails) {
            GuardrailEvaluator.Evaluation evaluation = assessInput(guardrail, texts, 0);
            if (evaluation.blocked() && blocked.isEmpty()) {
                blocked = Optional.of(evaluation.outputs().get(0));
            }
        }
        return blocked;
    }

    private GuardrailEvaluator.Evaluation assessInput(
            EnforcedGuardrails.Applied guardrail, List<String> texts, int images) {
        GuardrailEvaluator.Evaluation evaluation =
                GuardrailEvaluator.evaluate(
                        guardrail.version(), "INPUT", texts, GroundingCheck.Context.NONE, images);
        ObjectNode inputs =
                traceBody.has("inputAssessment")
                        ? (ObjectNode) traceBody.get("inputAssessment")
                        : traceBody.putObject("inputAssessment");
        inputs.set(guardrail.id(), details(guardrail, evaluation.assessment()));
        if (evaluation.blocked()) {
            intervened = true;
            actionReason = "Guardrail blocked.";
        } else if (evaluation.anonymized() && actionReason == null) {
            intervened = true;
            actionReason = "Guardrail masked.";
        }
        return evaluation;
    }

    /**
     * With an enforced guardrail in the call, every assessment names the guardrail that made it
     * ({@code appliedGuardrailDetails}); the emulator leaves it out of calls with the request's
     * guardrail alone, as answers from before enforcement existed do.
     */
    private ObjectNode details(EnforcedGuardrails.Applied guardrail, ObjectNode assessment) {
        if (guardrails.stream().anyMatch(EnforcedGuardrails.Applied::enforced)) {
            assessment.set("appliedGuardrailDetails", guardrail.details());
        }
        return assessment;
    }

    /** Assesses the model's text; returns what replaces it when the guardrail intervenes (blocked or masked). */
    public Optional<String> checkOutput(String text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String current = text;
        Optional<String> blocked = Optional.empty();
        ObjectNode outputs = traceBody.putObject("outputAssessments");
        for (EnforcedGuardrails.Applied guardrail : guardrails) {
            GuardrailEvaluator.Evaluation evaluation =
                    GuardrailEvaluator.evaluate(
                            guardrail.version(), "OUTPUT", List.of(current), grounding, 0);
            outputs.putArray(guardrail.id()).add(details(guardrail, evaluation.assessment()));
            if (evaluation.blocked()) {
                blocked = blocked.or(() -> Optional.of(evaluation.outputs().get(0)));
            } else if (evaluation.anonymized()) {
                current = evaluation.outputs().get(0);
            }
        }
        Optional<String> replacement =
                blocked.isPresent()
                        ? blocked
                        : current.equals(text) ? Optional.empty() : Optional.of(current);
        if (replacement.isEmpty()) {
            return Optional.empty();
        }
        intervened = true;
        if (blocked.isPresent() || actionReason == null) {
            actionReason = blocked.isPresent() ? "Guardrail blocked." : "Guardrail masked.";
        }
        if ("enabled_full".equals(trace)) {
            traceBody.putArray("modelOutput").add(text);
        }
        return replacement;
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

    /**
     * The {@code guardContent} blocks: text to guard (no qualifier or {@code guard_content}), the
     * contextual grounding check's source and query (read, not assessed as input), and images.
     */
    private static void collectGuardContent(
            JsonNode blocks,
            List<ObjectNode> holders,
            StringBuilder source,
            StringBuilder query,
            int[] images) {
        for (JsonNode block : blocks) {
            JsonNode guard = block.path("guardContent");
            if (guard.has("image")) {
                images[0]++;
            }
            JsonNode text = guard.path("text");
            if (!text.path("text").isTextual()) {
                continue;
            }
            List<String> qualifiers =
                    GuardedContent.qualifiers(text.path("qualifiers"), "guardContent");
            String value = text.path("text").asText();
            if (qualifiers.contains("grounding_source")) {
                source.append(source.isEmpty() ? "" : "\n").append(value);
            }
            if (qualifiers.contains("query")) {
                query.append(query.isEmpty() ? "" : "\n").append(value);
            }
            if (qualifiers.isEmpty() || qualifiers.contains("guard_content")) {
                holders.add((ObjectNode) text);
            }
        }
    }
}
