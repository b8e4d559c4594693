package dev.parley.local.bedrock.guardrails;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies one guardrail version to text, as ApplyGuardrail and Converse's guardrail do: words,
 * denied topics (matched by their example phrases), content filters (keyword lists) and
 * sensitive information (PII patterns and custom regexes). Produces Bedrock's assessment shape
 * and usage in text units (1,000 characters, rounded up, per policy evaluated).
 */
final class GuardrailEvaluator {

    private static final List<String> PROFANITY =
            List.of("damn", "shit", "fuck", "bastard", "crap", "bullshit");

    private GuardrailEvaluator() {}

    /**
     * What the guardrail decided.
     *
     * @param blocked a BLOCK action fired: the whole content is replaced by the blocked message
     * @param outputs the texts to pass on: the blocked message, or each text with PII masked
     */
    record Evaluation(
            boolean blocked,
            boolean anonymized,
            List<String> outputs,
            ObjectNode assessment,
            ObjectNode usage) {

        boolean intervened() {
            return blocked || anonymized;
        }
    }

    /** @param source {@code INPUT} or {@code OUTPUT} */
    static Evaluation evaluate(
            GuardrailRegistry.Version guardrail, String source, List<String> texts) {
        return evaluate(guardrail, source, texts, GroundingCheck.Context.NONE, 0);
    }

    /**
     * As {@link #evaluate(GuardrailRegistry.Version, String, List)}, with what the contextual
     * grounding check reads (it runs on OUTPUT only, and only with both a grounding source and a
     * query) and the number of images in the guarded content (counted, never classified: the
     * emulator has no image model).
     */
    static Evaluation evaluate(
            GuardrailRegistry.Version guardrail,
            String source,
            List<String> texts,
            GroundingCheck.Context grounding,
            int images) {
        long started = System.nanoTime();
        JsonNode config = guardrail.config();
        String side = "INPUT".equals(source) ? "input" : "output";
        ObjectNode assessment = Wire.object();
        boolean blocked = false;
        boolean anonymized = false;
        List<String> masked = new ArrayList<>();
        ArrayNode customWords = Wire.MAPPER.createArrayNode();
        ArrayNode managedWords = Wire.MAPPER.createArrayNode();
        ArrayNode topics = Wire.MAPPER.createArrayNode();
        ArrayNode filters = Wire.MAPPER.createArrayNode();
        ArrayNode pii = Wire.MAPPER.createArrayNode();
        ArrayNode regexes = Wire.MAPPER.createArrayNode();

        for (String text : texts) {
            for (JsonNode word : config.path("wordPolicy").path("words")) {
                if (enabled(word, side) && containsPhrase(text, word.path("text").asText())) {
                    add(customWords, word, side).put("match", word.path("text").asText());
                    blocked |= blocks(word, side);
                }
            }
            for (JsonNode list : config.path("wordPolicy").path("managedWordLists")) {
                if (!enabled(list, side)) {
                    continue;
                }
                for (String word : PROFANITY) {
                    if (containsPhrase(text, word)) {
                        add(managedWords, list, side).put("match", word).put("type", "PROFANITY");
                        blocked |= blocks(list, side);
                    }
                }
            }
            for (JsonNode topic : config.path("topicPolicy").path("topics")) {
                if (enabled(topic, side) && matchesTopic(topic, text)) {
                    add(topics, topic, side)
                            .put("name", topic.path("name").asText())
                            .put("type", "DENY");
                    blocked |= blocks(topic, side);
                }
            }
            for (JsonNode filter : config.path("contentPolicy").path("filters")) {
                String strength = filter.path(side + "Strength").asText("NONE");
                if (!enabled(filter, side) || "NONE".equals(strength)) {
                    continue;
                }
                if (ContentFilters.detect(filter.path("type").asText(), text) != null) {
                    add(filters, filter, side)
                            .put("type", filter.path("type").asText())
                            .put("confidence", "HIGH")
                            .put("filterStrength", strength);
                    blocked |= blocks(filter, side);
                }
            }
            List<Replacement> replacements = new ArrayList<>();
            for (JsonNode entity : config.path("sensitiveInformationPolicy").path("piiEntities")) {
                if (!enabled(entity, side)) {
                    continue;
                }
                String action =
                        entity.path(side + "Action").asText(entity.path("action").asText("BLOCK"));
                for (PiiDetector.Match match :
                        PiiDetector.find(entity.path("type").asText(), text)) {
                    pii.addObject()
                            .put("match", match.text())
                            .put("type", match.type())
                            .put("action", piiAction(action))
                            .put("detected", true);
                    blocked |= action.equals("BLOCK");
                    if (action.equals("ANONYMIZE")) {
                        anonymized = true;
                        replacements.add(
                                new Replacement(
                                        match.start(), match.end(), "{" + match.type() + "}"));
                    }
                }
            }
            for (JsonNode regex : config.path("sensitiveInformationPolicy").path("regexes")) {
                if (!enabled(regex, side)) {
                    continue;
                }
                String action =
                        regex.path(side + "Action").asText(regex.path("action").asText("BLOCK"));
                Matcher matcher = Pattern.compile(regex.path("pattern").asText()).matcher(text);
                while (matcher.find()) {
                    regexes.addObject()
                            .put("name", regex.path("name").asText())
                            .put("match", matcher.group())
                            .put("regex", regex.path("pattern").asText())
                            .put("action", piiAction(action))
                            .put("detected", true);
                    blocked |= action.equals("BLOCK");
                    if (action.equals("ANONYMIZE")) {
                        anonymized = true;
                        replacements.add(
                                new Replacement(
                                        matcher.start(),
                                        matcher.end(),
                                        "{" + regex.path("name").asText() + "}"));
                    }
                }
            }
            masked.add(apply(text, replacements));
        }
        boolean groundingRuns =
                "OUTPUT".equals(source)
                        && config.has("contextualGroundingPolicy")
                        && grounding.complete();
        if (groundingRuns) {
            ArrayNode findings = Wire.MAPPER.createArrayNode();
            blocked |=
                    GroundingCheck.assess(
                            config.path("contextualGroundingPolicy"),
                            String.join("\n", texts),
                            grounding,
                            findings);
            if (!findings.isEmpty()) {
                assessment.putObject("contextualGroundingPolicy").set("filters", findings);
            }
        }
        // Automated Reasoning checks validate answers (OUTPUT) and never block (see
        // ReasoningCheck).
        boolean reasoningRuns = "OUTPUT".equals(source) && !guardrail.reasoning().isEmpty();
        if (reasoningRuns) {
            assessment.set(
                    "automatedReasoningPolicy",
                    ReasoningCheck.assess(guardrail.reasoning(), String.join("\n", texts)));
        }
        if (!customWords.isEmpty() || !managedWords.isEmpty()) {
            ObjectNode words = assessment.putObject("wordPolicy");
            words.set("customWords", customWords);
            words.set("managedWordLists", managedWords);
        }
        if (!topics.isEmpty()) {
            assessment.putObject("topicPolicy").set("topics", topics);
        }
        if (!filters.isEmpty()) {
            assessment.putObject("contentPolicy").set("filters", filters);
        }
        if (!pii.isEmpty() || !regexes.isEmpty()) {
            ObjectNode sensitive = assessment.putObject("sensitiveInformationPolicy");
            sensitive.set("piiEntities", pii);
            sensitive.set("regexes", regexes);
        }
        ObjectNode usage = GuardrailUnits.usage(config, texts);
        if (groundingRuns) {
            usage.put(
                    "contextualGroundingPolicyUnits",
                    GuardrailUnits.units(texts)
                            + GuardrailUnits.units(
                                    List.of(grounding.groundingSource(), grounding.query())));
        }
        if (reasoningRuns) {
            usage.put("automatedReasoningPolicyUnits", GuardrailUnits.units(texts))
                    .put("automatedReasoningPolicies", guardrail.reasoning().size());
        }
        int guardedImages = GuardrailUnits.filtersImages(config, side) ? images : 0;
        if (guardedImages > 0) {
            usage.put("contentPolicyImageUnits", guardedImages);
        }
        ObjectNode metrics = assessment.putObject("invocationMetrics");
        metrics.put("guardrailProcessingLatency", (System.nanoTime() - started) / 1_000_000);
        metrics.set("usage", usage.deepCopy());
        metrics.set("guardrailCoverage", GuardrailUnits.coverage(texts, guardedImages, images));
        List<String> outputs = blocked ? List.of(guardrail.blockedMessage(source)) : masked;
        return new Evaluation(blocked, anonymized && !blocked, outputs, assessment, usage);
    }

    private record Replacement(int start, int end, String with) {}

    private static String apply(String text, List<Replacement> replacements) {
        if (replacements.isEmpty()) {
            return text;
        }
        List<Replacement> ordered = new ArrayList<>(replacements);
        ordered.sort(Comparator.comparingInt(Replacement::start).reversed());
        StringBuilder out = new StringBuilder(text);
        int limit = Integer.MAX_VALUE;
        for (Replacement r : ordered) {
            if (r.end() <= limit) {
                out.replace(r.start(), r.end(), r.with());
                limit = r.start();
            }
        }
        return out.toString();
    }

    private static ObjectNode add(ArrayNode findings, JsonNode policy, String side) {
        return findings.addObject()
                .put("action", blocks(policy, side) ? "BLOCKED" : "NONE")
                .put("detected", true);
    }

    private static boolean blocks(JsonNode policy, String side) {
        return "BLOCK".equals(policy.path(side + "Action").asText("BLOCK"));
    }

    private static boolean enabled(JsonNode policy, String side) {
        return policy.path(side + "Enabled").asBoolean(true);
    }

    private static String piiAction(String action) {
        return switch (action) {
            case "BLOCK" -> "BLOCKED";
            case "ANONYMIZE" -> "ANONYMIZED";
            default -> "NONE";
        };
    }

    /** A denied topic is approximated by its example phrases (or its name when it has none). */
    private static boolean matchesTopic(JsonNode topic, String text) {
        if (topic.path("examples").isEmpty()) {
            return containsPhrase(text, topic.path("name").asText());
        }
        for (JsonNode example : topic.path("examples")) {
            if (containsPhrase(text, example.asText())) {
                return true;
            }
        }
        return false;
    }

    /** Whole words, case-insensitive, any run of whitespace between them. */
    static boolean containsPhrase(String text, String phrase) {
        String trimmed = phrase.strip();
        if (trimmed.isEmpty()) {
            return false;
        }
        String regex =
                "(?<![\\p{L}\\p{N}])"
                        + String.join(
                                "\\s+",
                                java.util.Arrays.stream(trimmed.split("\\s+"))
                                        .map(Pattern::quote)
                                        .toList())
                        + "(?![\\p{L}\\p{N}])";
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
                .matcher(text.toLowerCase(Locale.ROOT))
                .find();
    }
}
