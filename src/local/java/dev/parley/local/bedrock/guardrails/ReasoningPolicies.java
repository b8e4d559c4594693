package dev.parley.local.bedrock.guardrails;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Automated Reasoning policies (the {@code bedrock} control plane's CreateAutomatedReasoningPolicy,
 * {@code POST /automated-reasoning-policies}), kept so that a guardrail's
 * {@code automatedReasoningPolicyConfig} can name them and its checks can read their definitions.
 * Only creation is modelled: a policy is its DRAFT, named by its unversioned ARN (no build
 * workflows, test cases or numbered versions). Like guardrails, policies outlive
 * {@code /_emulator/reset}. Thread-safe.
 */
final class ReasoningPolicies {

    /** A policy as a guardrail's check reads it: its ARN and its definition (rules, variables, types). */
    record Policy(String arn, JsonNode definition) {}

    private final Map<String, Policy> policies = new LinkedHashMap<>();

    /** CreateAutomatedReasoningPolicy. */
    synchronized ObjectNode create(JsonNode request) {
        List<String> errors = new ArrayList<>();
        String name = request.path("name").asText(null);
        if (name == null) {
            errors.add(
                    "Value null at 'name' failed to satisfy constraint: Member must not be null");
        } else if (!name.matches("[A-Za-z0-9_-]{1,63}")) {
            errors.add(
                    "Value at 'name' failed to satisfy constraint: Member must satisfy regular"
                            + " expression pattern: [A-Za-z0-9_-]+ and have length between 1 and 63");
        }
        JsonNode definition = request.path("policyDefinition");
        int i = 0;
        for (JsonNode rule : definition.path("rules")) {
            i++;
            for (String field : List.of("id", "expression")) {
                if (!rule.path(field).isTextual()) {
                    errors.add(
                            "Value null at 'policyDefinition.rules."
                                    + i
                                    + ".member."
                                    + field
                                    + "' failed to satisfy constraint: Member must not be null");
                }
            }
        }
        if (!errors.isEmpty()) {
            throw GuardrailFault.validation(
                    errors.size()
                            + " validation error"
                            + (errors.size() == 1 ? "" : "s")
                            + " detected: "
                            + String.join("; ", errors));
        }
        for (Policy existing : policies.values()) {
            if (existing.definition().path("name").asText().equals(name)) {
                throw GuardrailFault.conflict(
                        "An Automated Reasoning policy with the name " + name + " already exists.");
            }
        }
        String arn =
                "arn:aws:bedrock:"
                        + GuardrailRegistry.REGION
                        + ":"
                        + GuardrailRegistry.ACCOUNT
                        + ":automated-reasoning-policy/"
                        + GuardrailRegistry.newId();
        ObjectNode stored = definition.isObject() ? definition.deepCopy() : Wire.object();
        stored.put("name", name);
        policies.put(arn, new Policy(arn, stored));
        Instant now = Instant.now();
        ObjectNode out =
                Wire.object()
                        .put("policyArn", arn)
                        .put("version", "DRAFT")
                        .put("name", name)
                        .put("definitionHash", hash(definition.toString()))
                        .put("createdAt", now.toString())
                        .put("updatedAt", now.toString());
        if (request.path("description").isTextual()) {
            out.put("description", request.path("description").asText());
        }
        return out;
    }

    /** The policy a guardrail names; a ResourceNotFoundException for an ARN that names none. */
    synchronized Policy resolve(String arn) {
        Policy policy = policies.get(arn);
        if (policy == null) {
            throw GuardrailFault.notFound(
                    "The Automated Reasoning policy " + arn + " was not found.");
        }
        return policy;
    }

    private static String hash(String text) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
