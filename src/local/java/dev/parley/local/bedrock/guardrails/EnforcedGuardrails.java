package dev.parley.local.bedrock.guardrails;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The account-enforced guardrail (the {@code bedrock} control plane's
 * PutEnforcedGuardrailConfiguration, ListEnforcedGuardrailsConfiguration and
 * DeleteEnforcedGuardrailConfiguration): a numbered guardrail version Bedrock applies to every
 * Converse call of the account, on top of the request's own guardrail, for the models its
 * {@code modelEnforcement} covers (all when it names none). An account has one such configuration
 * (ListEnforcedGuardrailsConfiguration answers with exactly one item); putting another replaces it.
 * Beside it, the organization's enforced guardrail ({@link #enforceForOrganization}), set through
 * the emulator's control API. Both apply to Converse, ConverseStream and InvokeModel. Like
 * guardrails, they outlive {@code /_emulator/reset}. Thread-safe.
 */
public final class EnforcedGuardrails {

    /**
     * The AWS Organizations management account that owns an organization's enforced guardrail: the
     * emulator's account is a member, so the guardrail is another account's (CROSS_ACCOUNT).
     */
    static final String ORGANIZATION_ACCOUNT = "210987654321";

    /** A guardrail a call runs, and where it came from (its {@code appliedGuardrailDetails}). */
    record Applied(String id, GuardrailRegistry.Version version, String origin) {
        static Applied request(String identifier, GuardrailRegistry.Version version) {
            return new Applied(GuardrailRegistry.idOf(identifier), version, "REQUEST");
        }

        boolean enforced() {
            return !"REQUEST".equals(origin);
        }

        ObjectNode details() {
            boolean organization = ORGANIZATION.equals(origin);
            ObjectNode details =
                    Wire.object()
                            .put("guardrailId", id)
                            .put("guardrailVersion", version.version())
                            .put(
                                    "guardrailArn",
                                    organization
                                            ? GuardrailRegistry.arn(id)
                                                    .replace(
                                                            ":" + GuardrailRegistry.ACCOUNT + ":",
                                                            ":" + ORGANIZATION_ACCOUNT + ":")
                                            : GuardrailRegistry.arn(id))
                            .put("guardrailOwnership", organization ? "CROSS_ACCOUNT" : "SELF");
            details.putArray("guardrailOrigin").add(origin);
            return details;
        }
    }

    private record Config(
            String configId,
            String guardrailId,
            GuardrailRegistry.Version version,
            JsonNode input,
            Instant createdAt,
            Instant updatedAt) {}

    private static final String ORGANIZATION = "ORGANIZATION_ENFORCED";

    private static final String ROLE = "arn:aws:iam::" + GuardrailRegistry.ACCOUNT + ":role/Admin";

    private final GuardrailRegistry registry;
    private Config config;
    private Applied organization;
    private JsonNode organizationModels = Wire.object();

    EnforcedGuardrails(GuardrailRegistry registry) {
        this.registry = registry;
    }

    /** PutEnforcedGuardrailConfiguration. */
    synchronized ObjectNode put(JsonNode request) {
        JsonNode input = request.path("guardrailInferenceConfig");
        List<String> errors = new ArrayList<>();
        for (String field : List.of("guardrailIdentifier", "guardrailVersion")) {
            if (!input.path(field).isTextual()) {
                errors.add(
                        "Value null at 'guardrailInferenceConfig."
                                + field
                                + "' failed to satisfy constraint: Member must not be null");
            }
        }
        String version = input.path("guardrailVersion").asText("");
        if (input.path("guardrailVersion").isTextual() && !version.matches("[1-9][0-9]{0,7}")) {
            // An enforced guardrail must be a published version: a DRAFT may change under the
            // account's feet.
            errors.add(
                    "Value '"
                            + version
                            + "' at 'guardrailInferenceConfig.guardrailVersion' failed to satisfy"
                            + " constraint: Member must satisfy regular expression pattern:"
                            + " [1-9][0-9]{0,7}");
        }
        String configId = request.path("configId").asText(null);
        if (configId != null && !configId.matches("[a-z0-9]+")) {
            errors.add(
                    "Value '"
                            + configId
                            + "' at 'configId' failed to satisfy constraint: Member must satisfy"
                            + " regular expression pattern: [a-z0-9]+");
        }
        if (!errors.isEmpty()) {
            throw GuardrailFault.validation(
                    errors.size()
                            + " validation error"
                            + (errors.size() == 1 ? "" : "s")
                            + " detected: "
                            + String.join("; ", errors));
        }
        String identifier = input.path("guardrailIdentifier").asText();
        GuardrailRegistry.Version found;
        try {
            found = registry.resolve(identifier, version);
        } catch (GuardrailFault e) {
            throw GuardrailFault.notFound(
                    "The specified guardrail "
                            + identifier
                            + " version "
                            + version
                            + " was not found.");
        }
        Instant now = Instant.now();
        String id =
                configId != null
                        ? configId
                        : config != null
                                ? config.configId()
                                : Long.toString(now.toEpochMilli(), 36);
        config =
                new Config(
                        id,
                        GuardrailRegistry.idOf(identifier),
                        found,
                        input.deepCopy(),
                        config == null ? now : config.createdAt(),
                        now);
        return Wire.object()
                .put("configId", id)
                .put("updatedAt", now.toString())
                .put("updatedBy", ROLE);
    }

    /** ListEnforcedGuardrailsConfiguration. */
    synchronized ObjectNode list() {
        ObjectNode out = Wire.object();
        ArrayNode configs = out.putArray("guardrailsConfig");
        if (config != null) {
            ObjectNode item =
                    configs.addObject()
                            .put("configId", config.configId())
                            .put("guardrailId", config.guardrailId())
                            .put("guardrailArn", GuardrailRegistry.arn(config.guardrailId()))
                            .put("guardrailVersion", config.version().version())
                            .put("owner", "ACCOUNT")
                            .put("createdAt", config.createdAt().toString())
                            .put("createdBy", ROLE)
                            .put("updatedAt", config.updatedAt().toString())
                            .put("updatedBy", ROLE);
            for (String field : List.of("modelEnforcement", "selectiveContentGuarding")) {
                if (config.input().has(field)) {
                    item.set(field, config.input().get(field));
                }
            }
        }
        return out;
    }

    /** DeleteEnforcedGuardrailConfiguration. */
    synchronized void delete(String configId) {
        if (config == null || !config.configId().equals(configId)) {
            throw GuardrailFault.notFound(
                    "The enforced guardrail configuration " + configId + " was not found.");
        }
        config = null;
    }

    /**
     * The organization's enforced guardrail (an AWS Organizations Amazon Bedrock policy, which the
     * emulator's control API stands in for): {@code guardrailIdentifier}, a numbered
     * {@code guardrailVersion}, and optional {@code includedModels}/{@code excludedModels}. AWS
     * Organizations does not support guardrails with an Automated Reasoning policy there.
     */
    public synchronized void enforceForOrganization(JsonNode request) {
        String identifier = request.path("guardrailIdentifier").asText("");
        String version = request.path("guardrailVersion").asText("");
        if (!version.matches("[1-9][0-9]{0,7}")) {
            throw GuardrailFault.validation(
                    "An organization's enforced guardrail must name a numbered guardrailVersion.");
        }
        GuardrailRegistry.Version found = registry.resolve(identifier, version);
        if (!found.reasoning().isEmpty()) {
            throw GuardrailFault.validation(
                    "Guardrails with an Automated Reasoning policy are not supported for"
                            + " organization-level enforcement.");
        }
        organization = new Applied(GuardrailRegistry.idOf(identifier), found, ORGANIZATION);
        organizationModels = request.deepCopy();
    }

    /** Ends the organization's enforcement (the policy detached). */
    public synchronized void clearOrganization() {
        organization = null;
        organizationModels = Wire.object();
    }

    /** The enforced guardrails a call to {@code modelId} runs: the organization's, then the account's. */
    synchronized List<Applied> covering(String modelId) {
        List<Applied> applied = new ArrayList<>();
        if (organization != null && covers(organizationModels, modelId)) {
            applied.add(organization);
        }
        Optional.ofNullable(config)
                .filter(c -> covers(c.input().path("modelEnforcement"), modelId))
                .ifPresent(
                        c ->
                                applied.add(
                                        new Applied(
                                                c.guardrailId(), c.version(), "ACCOUNT_ENFORCED")));
        return applied;
    }

    /**
     * {@code includedModels} (all models when empty) minus {@code excludedModels}; an entry names
     * a model by its id, which also covers that model's inference profiles ({@code us.}{id}) and
     * ARNs.
     */
    private static boolean covers(JsonNode enforcement, String modelId) {
        boolean included = enforcement.path("includedModels").isEmpty();
        for (JsonNode model : enforcement.path("includedModels")) {
            included |= names(model.asText(), modelId);
        }
        for (JsonNode model : enforcement.path("excludedModels")) {
            included &= !names(model.asText(), modelId);
        }
        return included;
    }

    private static boolean names(String entry, String modelId) {
        return modelId.equals(entry)
                || modelId.endsWith("." + entry)
                || modelId.endsWith("/" + entry);
    }
}
