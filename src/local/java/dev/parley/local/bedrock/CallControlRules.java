package dev.parley.local.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Bedrock's rules for the per-call controls that are not about the prompt: {@code serviceTier}
 * and {@code requestMetadata} (Converse's body fields; InvokeModel's {@code X-Amzn-Bedrock-Service-Tier}
 * and {@code X-Amzn-Bedrock-Request-Metadata} headers, the latter a JSON object of strings).
 *
 * <p>Tiers: the enum is botocore's ServiceTierType (priority, default, flex, reserved). Priority
 * and Flex serve only the models of Bedrock's "Service tiers" page (gpt-oss, DeepSeek V3.1, the
 * Qwen3 models, Nova Pro and Premier at launch; Nova 2 Lite since); {@code reserved} needs a
 * reservation made with the account team, which the emulator's account has none of. The refusal
 * texts follow Bedrock's style; their exact wording is not published. Metadata: at most 16 pairs,
 * keys of 1 to 256 and values of up to 256 characters from {@code [a-zA-Z0-9\s._:/=+$@-]} (the
 * limits of Bedrock's API reference, which its invocation-log filters repeat), in the AWS
 * framework's constraint-error format.
 */
final class CallControlRules {
    static final List<String> TIERS = List.of("priority", "default", "flex", "reserved");

    /** Base model ids that Priority and Flex serve. */
    private static final Set<String> TIERED_MODELS =
            Set.of(
                    "openai.gpt-oss-120b-1:0",
                    "openai.gpt-oss-20b-1:0",
                    "deepseek.v3-v1:0",
                    "qwen.qwen3-32b-v1:0",
                    "qwen.qwen3-235b-a22b-2507-v1:0",
                    "qwen.qwen3-coder-480b-a35b-v1:0",
                    "amazon.nova-pro-v1:0",
                    "amazon.nova-premier-v1:0",
                    "amazon.nova-2-lite-v1:0");

    private static final Pattern METADATA_TEXT = Pattern.compile("[a-zA-Z0-9\\s._:/=+$@-]*");
    private static final int MAX_PAIRS = 16;

    private CallControlRules() {}

    /** The tier the call is served on ({@code default} when it names none); refuses what Bedrock refuses. */
    static String serviceTier(String tier, ModelCatalog.ModelSpec spec, String path) {
        if (tier == null) {
            return "default";
        }
        if (!TIERS.contains(tier)) {
            throw BedrockFault.validation(
                    "1 validation error detected: Value '"
                            + tier
                            + "' at '"
                            + path
                            + "' failed"
                            + " to satisfy constraint: Member must satisfy enum value set: ["
                            + String.join(", ", TIERS)
                            + "]");
        }
        if (tier.equals("reserved")) {
            throw BedrockFault.validation(
                    "The reserved service tier requires a reservation for this model. Contact"
                            + " your AWS account team, or use another service tier.");
        }
        if (!tier.equals("default") && !TIERED_MODELS.contains(spec.features().id())) {
            throw BedrockFault.validation(
                    "The provided service tier ("
                            + tier
                            + ") is not supported for this model."
                            + " Try again with the default service tier.");
        }
        return tier;
    }

    /** Converse's {@code requestMetadata}, or InvokeModel's header parsed as JSON. */
    static void requestMetadata(JsonNode metadata, String path) {
        if (metadata == null || metadata.isNull()) {
            return;
        }
        if (!metadata.isObject()) {
            throw BedrockFault.validation(
                    "Malformed request: '" + path + "' must be a map of strings.");
        }
        if (metadata.size() > MAX_PAIRS) {
            throw violation(path, "Member must have length less than or equal to " + MAX_PAIRS);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = metadata.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> pair = it.next();
            String key = pair.getKey();
            if (key.isEmpty() || key.length() > 256 || !METADATA_TEXT.matcher(key).matches()) {
                throw violation(
                        path,
                        "Map keys must satisfy constraint: [Member must have length less than or equal"
                                + " to 256, Member must have length greater than or equal to 1, Member must satisfy regular"
                                + " expression pattern: [a-zA-Z0-9\\s._:/=+$@-]{1,256}]");
            }
            JsonNode value = pair.getValue();
            if (!value.isTextual()
                    || value.textValue().length() > 256
                    || !METADATA_TEXT.matcher(value.textValue()).matches()) {
                throw violation(
                        path,
                        "Map value must satisfy constraint: [Member must have length less than or equal"
                                + " to 256, Member must satisfy regular expression pattern: [a-zA-Z0-9\\s._:/=+$@-]{0,256}]");
            }
        }
    }

    private static BedrockFault violation(String path, String constraint) {
        // The framework does not echo the value of a sensitive member (requestMetadata is one).
        return BedrockFault.validation(
                "1 validation error detected: Value at '"
                        + path
                        + "' failed to satisfy"
                        + " constraint: "
                        + constraint);
    }
}
