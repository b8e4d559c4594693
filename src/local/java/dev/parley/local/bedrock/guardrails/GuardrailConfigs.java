package dev.parley.local.bedrock.guardrails;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a CreateGuardrail body into the policy shape GetGuardrail answers with: the request's
 * {@code *Config} members come back under their unsuffixed names ({@code wordPolicyConfig.wordsConfig}
 * is read back as {@code wordPolicy.words}, and so on), as Bedrock does. Refuses what the service
 * model's constraints refuse, in the AWS validation wording.
 */
final class GuardrailConfigs {

    private static final Pattern NAME = Pattern.compile("[0-9a-zA-Z-_]+");
    private static final Set<String> STRENGTHS = Set.of("NONE", "LOW", "MEDIUM", "HIGH");
    private static final Set<String> BLOCK_ACTIONS = Set.of("BLOCK", "NONE");
    private static final Set<String> PII_ACTIONS = Set.of("BLOCK", "ANONYMIZE", "NONE");
    static final Set<String> PII_TYPES =
            Set.of(
                    "ADDRESS",
                    "AGE",
                    "AWS_ACCESS_KEY",
                    "AWS_SECRET_KEY",
                    "CA_HEALTH_NUMBER",
                    "CA_SOCIAL_INSURANCE_NUMBER",
                    "CREDIT_DEBIT_CARD_CVV",
                    "CREDIT_DEBIT_CARD_EXPIRY",
                    "CREDIT_DEBIT_CARD_NUMBER",
                    "DRIVER_ID",
                    "EMAIL",
                    "INTERNATIONAL_BANK_ACCOUNT_NUMBER",
                    "IP_ADDRESS",
                    "LICENSE_PLATE",
                    "MAC_ADDRESS",
                    "NAME",
                    "PASSWORD",
                    "PHONE",
                    "PIN",
                    "SWIFT_CODE",
                    "UK_NATIONAL_HEALTH_SERVICE_NUMBER",
                    "UK_NATIONAL_INSURANCE_NUMBER",
                    "UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER",
                    "URL",
                    "USERNAME",
                    "US_BANK_ACCOUNT_NUMBER",
                    "US_BANK_ROUTING_NUMBER",
                    "US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER",
                    "US_PASSPORT_NUMBER",
                    "US_SOCIAL_SECURITY_NUMBER",
                    "VEHICLE_IDENTIFICATION_NUMBER");

    private GuardrailConfigs() {}

    /** The policies of a CreateGuardrail body, in GetGuardrail's shape; throws a ValidationException. */
    static ObjectNode policies(JsonNode request) {
        List<String> errors = new ArrayList<>();
        String name = request.path("name").asText(null);
        if (name == null) {
            errors.add(
                    "Value null at 'name' failed to satisfy constraint: Member must not be null");
        } else if (name.isEmpty() || name.length() > 50 || !NAME.matcher(name).matches()) {
            errors.add(
                    "Value at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern:"
                            + " [0-9a-zA-Z-_]+ and have length between 1 and 50");
        }
        for (String field : List.of("blockedInputMessaging", "blockedOutputsMessaging")) {
            String message = request.path(field).asText(null);
            if (message == null) {
                errors.add(
                        "Value null at '"
                                + field
                                + "' failed to satisfy constraint: Member must not be null");
            } else if (message.isEmpty() || message.length() > 500) {
                errors.add(
                        "Value at '"
                                + field
                                + "' failed to satisfy constraint: Member must have length between"
                                + " 1 and 500");
            }
        }
        ObjectNode policies = Wire.object();
        words(request.path("wordPolicyConfig"), policies, errors);
        topics(request.path("topicPolicyConfig"), policies, errors);
        content(request.path("contentPolicyConfig"), policies, errors);
        sensitive(request.path("sensitiveInformationPolicyConfig"), policies, errors);
        GroundingConfigs.read(request.path("contextualGroundingPolicyConfig"), policies, errors);
        if (!errors.isEmpty()) {
            throw GuardrailFault.validation(
                    errors.size()
                            + " validation error"
                            + (errors.size() == 1 ? "" : "s")
                            + " detected: "
                            + String.join("; ", errors));
        }
        return policies;
    }

    private static void words(JsonNode config, ObjectNode policies, List<String> errors) {
        if (config.isMissingNode()) {
            return;
        }
        ObjectNode policy = policies.putObject("wordPolicy");
        ArrayNode words = policy.putArray("words");
        int i = 0;
        for (JsonNode word : config.path("wordsConfig")) {
            i++;
            String text = word.path("text").asText("");
            if (text.isEmpty() || text.length() > 100) {
                errors.add(
                        "Value at 'wordPolicyConfig.wordsConfig."
                                + i
                                + ".member.text' failed to satisfy"
                                + " constraint: Member must have length between 1 and 100");
            }
            words.add(
                    withActions(
                            word,
                            "wordPolicyConfig.wordsConfig." + i,
                            BLOCK_ACTIONS,
                            "BLOCK",
                            errors));
        }
        ArrayNode managed = policy.putArray("managedWordLists");
        i = 0;
        for (JsonNode list : config.path("managedWordListsConfig")) {
            i++;
            enumValue(
                    list.path("type"),
                    "wordPolicyConfig.managedWordListsConfig." + i + ".member.type",
                    Set.of("PROFANITY"),
                    errors);
            managed.add(
                    withActions(
                            list,
                            "wordPolicyConfig.managedWordListsConfig." + i,
                            BLOCK_ACTIONS,
                            "BLOCK",
                            errors));
        }
    }

    private static void topics(JsonNode config, ObjectNode policies, List<String> errors) {
        if (config.isMissingNode()) {
            return;
        }
        ArrayNode topics = policies.putObject("topicPolicy").putArray("topics");
        int i = 0;
        for (JsonNode topic : config.path("topicsConfig")) {
            i++;
            String path = "topicPolicyConfig.topicsConfig." + i + ".member";
            required(topic, "name", path, errors);
            required(topic, "definition", path, errors);
            enumValue(topic.path("type"), path + ".type", Set.of("DENY"), errors);
            if (topic.path("examples").size() > 5) {
                errors.add(
                        "Value at '"
                                + path
                                + ".examples' failed to satisfy constraint: Member must have length"
                                + " less than or equal to 5");
            }
            topics.add(
                    withActions(
                            topic,
                            "topicPolicyConfig.topicsConfig." + i,
                            BLOCK_ACTIONS,
                            "BLOCK",
                            errors));
        }
    }

    private static void content(JsonNode config, ObjectNode policies, List<String> errors) {
        if (config.isMissingNode()) {
            return;
        }
        ArrayNode filters = policies.putObject("contentPolicy").putArray("filters");
        int i = 0;
        for (JsonNode filter : config.path("filtersConfig")) {
            i++;
            String path = "contentPolicyConfig.filtersConfig." + i + ".member";
            enumValue(
                    filter.path("type"), path + ".type", Set.copyOf(ContentFilters.TYPES), errors);
            enumValue(filter.path("inputStrength"), path + ".inputStrength", STRENGTHS, errors);
            enumValue(filter.path("outputStrength"), path + ".outputStrength", STRENGTHS, errors);
            for (String side : List.of("inputModalities", "outputModalities")) {
                int m = 0;
                for (JsonNode modality : filter.path(side)) {
                    m++;
                    enumValue(
                            modality,
                            path + "." + side + "." + m + ".member",
                            Set.of("TEXT", "IMAGE"),
                            errors);
                }
            }
            // Prompt attacks are a property of what users send; Bedrock takes no output strength
            // for them.
            if ("PROMPT_ATTACK".equals(filter.path("type").asText())
                    && !"NONE".equals(filter.path("outputStrength").asText())) {
                errors.add(
                        "Value '"
                                + filter.path("outputStrength").asText()
                                + "' at '"
                                + path
                                + ".outputStrength'"
                                + " failed to satisfy constraint: PROMPT_ATTACK filter strength for output must be NONE");
            }
            filters.add(
                    withActions(
                            filter,
                            "contentPolicyConfig.filtersConfig." + i,
                            BLOCK_ACTIONS,
                            "BLOCK",
                            errors));
        }
    }

    private static void sensitive(JsonNode config, ObjectNode policies, List<String> errors) {
        if (config.isMissingNode()) {
            return;
        }
        ObjectNode policy = policies.putObject("sensitiveInformationPolicy");
        ArrayNode entities = policy.putArray("piiEntities");
        int i = 0;
        for (JsonNode entity : config.path("piiEntitiesConfig")) {
            i++;
            String path = "sensitiveInformationPolicyConfig.piiEntitiesConfig." + i + ".member";
            enumValue(entity.path("type"), path + ".type", PII_TYPES, errors);
            enumValue(entity.path("action"), path + ".action", PII_ACTIONS, errors);
            ObjectNode copy =
                    withActions(
                            entity,
                            "sensitiveInformationPolicyConfig.piiEntitiesConfig." + i,
                            PII_ACTIONS,
                            entity.path("action").asText("BLOCK"),
                            errors);
            entities.add(copy);
        }
        ArrayNode regexes = policy.putArray("regexes");
        i = 0;
        for (JsonNode regex : config.path("regexesConfig")) {
            i++;
            String path = "sensitiveInformationPolicyConfig.regexesConfig." + i + ".member";
            required(regex, "name", path, errors);
            required(regex, "pattern", path, errors);
            enumValue(regex.path("action"), path + ".action", PII_ACTIONS, errors);
            try {
                Pattern.compile(regex.path("pattern").asText(""));
            } catch (PatternSyntaxException e) {
                errors.add(
                        "Value at '"
                                + path
                                + ".pattern' failed to satisfy constraint: Member must be a valid"
                                + " regular expression");
            }
            regexes.add(
                    withActions(
                            regex,
                            "sensitiveInformationPolicyConfig.regexesConfig." + i,
                            PII_ACTIONS,
                            regex.path("action").asText("BLOCK"),
                            errors));
        }
    }

    /** A copy with the input/output actions and switches filled in with their defaults. */
    private static ObjectNode withActions(
            JsonNode item,
            String path,
            Set<String> actions,
            String defaultAction,
            List<String> errors) {
        ObjectNode copy = item.deepCopy();
        for (String side : List.of("input", "output")) {
            JsonNode action = item.get(side + "Action");
            if (action != null) {
                enumValue(action, path + ".member." + side + "Action", actions, errors);
            } else {
                copy.put(side + "Action", defaultAction);
            }
            if (!item.has(side + "Enabled")) {
                copy.put(side + "Enabled", true);
            }
        }
        return copy;
    }

    private static void required(JsonNode item, String field, String path, List<String> errors) {
        if (!item.path(field).isTextual() || item.path(field).asText().isEmpty()) {
            errors.add(
                    "Value null at '"
                            + path
                            + "."
                            + field
                            + "' failed to satisfy constraint: Member must not be null");
        }
    }

    static void enumValue(JsonNode value, String path, Set<String> allowed, List<String> errors) {
        if (!value.isTextual() || !allowed.contains(value.asText())) {
            errors.add(
                    "Value "
                            + (value.isMissingNode() || value.isNull()
                                    ? "null"
                                    : "'" + value.asText() + "'")
                            + " at '"
                            + path
                            + "' failed to satisfy constraint: Member must satisfy enum value set: "
                            + allowed.stream().sorted().toList());
        }
    }
}
