package dev.parley.bedrock;

import dev.parley.modelcall.GuardrailAssessment;
import dev.parley.modelcall.GuardrailCheck;
import dev.parley.modelcall.GuardrailConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ApplyGuardrailRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ApplyGuardrailResponse;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailAction;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailContentSource;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailOutputContent;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailTextBlock;

/**
 * The ApplyGuardrail API: a guardrail applied to text without a model call (tool output and
 * uploaded documents, which Converse's guardrail does not assess). The answer carries the usage
 * Bedrock bills for the check.
 */
@ApplicationScoped
public class GuardrailGateway {

    /** Whose text is checked: what goes into a model ({@code INPUT}) or what came out of one ({@code OUTPUT}). */
    public enum Source {
        INPUT,
        OUTPUT
    }

    private final BedrockRuntimeClient client;
    private final BedrockErrors errors;

    GuardrailGateway(BedrockRuntimeClient client, BedrockErrors errors) {
        this.client = client;
        this.errors = errors;
    }

    /** Applies the guardrail to {@code texts} (one content block each). */
    public GuardrailCheck apply(GuardrailConfig guardrail, Source source, List<String> texts) {
        ApplyGuardrailResponse response;
        try {
            response =
                    client.applyGuardrail(
                            ApplyGuardrailRequest.builder()
                                    .guardrailIdentifier(guardrail.identifier())
                                    .guardrailVersion(guardrail.version())
                                    .source(
                                            source == Source.INPUT
                                                    ? GuardrailContentSource.INPUT
                                                    : GuardrailContentSource.OUTPUT)
                                    .content(
                                            texts.stream()
                                                    .map(
                                                            text ->
                                                                    GuardrailContentBlock.fromText(
                                                                            GuardrailTextBlock
                                                                                    .builder()
                                                                                    .text(text)
                                                                                    .build()))
                                                    .toList())
                                    .build());
        } catch (SdkException e) {
            throw errors.translateGuardrail(e, guardrail);
        }
        List<GuardrailAssessment> assessments =
                response.assessments().stream().map(GuardrailAssessments::of).toList();
        return new GuardrailCheck(
                response.action() == GuardrailAction.GUARDRAIL_INTERVENED,
                response.actionReason(),
                response.outputs().stream().map(GuardrailOutputContent::text).toList(),
                assessments,
                GuardrailAssessments.usage(response.usage()));
    }
}
