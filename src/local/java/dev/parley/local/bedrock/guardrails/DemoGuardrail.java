package dev.parley.local.bedrock.guardrails;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The CreateGuardrail body of the emulator's demo guardrail ({@link GuardrailRegistry#DEMO_ID}):
 * prompt-attack and harmful-content filters, a denied topic (investment advice), a word list, PII
 * (e-mail and phone anonymized; SSN and card numbers blocked). See docs/guardrails.md.
 */
final class DemoGuardrail {

    private DemoGuardrail() {}

    static ObjectNode request() {
        ObjectNode request =
                Wire.object()
                        .put("name", "parley-demo")
                        .put("description", "Parley's local demo guardrail")
                        .put(
                                "blockedInputMessaging",
                                "Sorry, Parley cannot help with that request.")
                        .put(
                                "blockedOutputsMessaging",
                                "Sorry, the answer was withheld by Parley's guardrail.");
        ArrayNode filters = request.putObject("contentPolicyConfig").putArray("filtersConfig");
        for (String type : List.of("SEXUAL", "VIOLENCE", "HATE", "INSULTS", "MISCONDUCT")) {
            filters.addObject()
                    .put("type", type)
                    .put("inputStrength", "HIGH")
                    .put("outputStrength", "HIGH");
        }
        filters.addObject()
                .put("type", "PROMPT_ATTACK")
                .put("inputStrength", "HIGH")
                .put("outputStrength", "NONE");
        ObjectNode topic =
                request.putObject("topicPolicyConfig")
                        .putArray("topicsConfig")
                        .addObject()
                        .put("name", "Investment advice")
                        .put("type", "DENY")
                        .put(
                                "definition",
                                "Recommendations on which stocks, funds or crypto assets to buy or sell.");
        topic.putArray("examples")
                .add("which stocks should I buy")
                .add("should I invest in crypto")
                .add("best fund to invest in");
        request.putObject("wordPolicyConfig")
                .putArray("wordsConfig")
                .addObject()
                .put("text", "confidential-project");
        ArrayNode pii =
                request.putObject("sensitiveInformationPolicyConfig").putArray("piiEntitiesConfig");
        pii.addObject().put("type", "EMAIL").put("action", "ANONYMIZE");
        pii.addObject().put("type", "PHONE").put("action", "ANONYMIZE");
        pii.addObject().put("type", "US_SOCIAL_SECURITY_NUMBER").put("action", "BLOCK");
        pii.addObject().put("type", "CREDIT_DEBIT_CARD_NUMBER").put("action", "BLOCK");
        return request;
    }
}
