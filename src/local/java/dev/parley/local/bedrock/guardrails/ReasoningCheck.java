package dev.parley.local.bedrock.guardrails;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A guardrail's Automated Reasoning checks on model output, reduced to a rule the emulator can
 * apply without pretending to reason. It reads only two things:
 *
 * <ul>
 *   <li>rules of the form {@code (= variable value)} (other rules are never used);
 *   <li>claims: the sentences of the text that name a policy variable (its name, underscores read
 *       as spaces, any case), whose value is the first number, {@code true}/{@code false} or value
 *       of a policy type that follows the name.
 * </ul>
 *
 * A claim whose value a rule fixes is VALID when equal (the rule supports it) and INVALID when not
 * (the rule contradicts it); a claim on a variable no rule fixes is SATISFIABLE; a variable named
 * without a value is TRANSLATION_AMBIGUOUS; text that names no variable gives one NO_TRANSLATIONS
 * finding. Findings never block: Bedrock reports them for the application to act on. Translation
 * confidence is always 1.0.
 */
final class ReasoningCheck {

    private static final Pattern FIXES =
            Pattern.compile("\\(\\s*=\\s+([A-Za-z_][A-Za-z0-9_]*)\\s+([^()\\s]+)\\s*\\)");

    private ReasoningCheck() {}

    /** The {@code automatedReasoningPolicy} assessment of {@code text} against {@code policies}. */
    static ObjectNode assess(List<ReasoningPolicies.Policy> policies, String text) {
        ArrayNode findings = Wire.MAPPER.createArrayNode();
        for (ReasoningPolicies.Policy policy : policies) {
            for (String sentence : text.split("(?<=[.!?])\\s+|\\n+")) {
                for (JsonNode variable : policy.definition().path("variables")) {
                    String name = variable.path("name").asText();
                    claim(policy, name, sentence).ifPresent(findings::add);
                }
            }
        }
        if (findings.isEmpty()) {
            findings.addObject().putObject("noTranslations");
        }
        ObjectNode assessment = Wire.object();
        assessment.set("findings", findings);
        return assessment;
    }

    private static Optional<ObjectNode> claim(
            ReasoningPolicies.Policy policy, String variable, String sentence) {
        if (variable.isEmpty()) {
            return Optional.empty();
        }
        Matcher mention =
                Pattern.compile(
                                "(?<![\\p{L}\\p{N}])"
                                        + Pattern.quote(variable).replace("_", "\\E[ _]\\Q")
                                        + "(?![\\p{L}\\p{N}])",
                                Pattern.CASE_INSENSITIVE)
                        .matcher(sentence);
        if (!mention.find()) {
            return Optional.empty();
        }
        ObjectNode finding = Wire.object();
        Optional<String> claimed = value(policy, sentence.substring(mention.end()));
        if (claimed.isEmpty()) {
            finding.putObject("translationAmbiguous").putArray("options");
            return Optional.of(finding);
        }
        String logic = "(= " + variable + " " + claimed.get() + ")";
        Optional<JsonNode> rule = fixing(policy, variable);
        ObjectNode translation = Wire.object();
        translation.putArray("premises");
        translation
                .putArray("claims")
                .addObject()
                .put("logic", logic)
                .put("naturalLanguage", sentence.strip());
        translation.put("confidence", 1.0);
        if (rule.isEmpty()) {
            finding.putObject("satisfiable").set("translation", translation);
            return Optional.of(finding);
        }
        Matcher fixed = FIXES.matcher(rule.get().path("expression").asText());
        fixed.find();
        boolean holds = same(fixed.group(2), claimed.get());
        ObjectNode result = finding.putObject(holds ? "valid" : "invalid");
        result.set("translation", translation);
        result.putArray(holds ? "supportingRules" : "contradictingRules")
                .addObject()
                .put("identifier", rule.get().path("id").asText())
                .put("policyVersionArn", policy.arn());
        return Optional.of(finding);
    }

    /** The rule of the form {@code (= variable value)} for {@code variable}, if the policy has one. */
    private static Optional<JsonNode> fixing(ReasoningPolicies.Policy policy, String variable) {
        for (JsonNode rule : policy.definition().path("rules")) {
            Matcher m = FIXES.matcher(rule.path("expression").asText());
            if (m.matches() && m.group(1).equalsIgnoreCase(variable)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    /** The first number, boolean or value of a policy type in {@code rest}. */
    private static Optional<String> value(ReasoningPolicies.Policy policy, String rest) {
        List<String> typeValues = new ArrayList<>();
        for (JsonNode type : policy.definition().path("types")) {
            type.path("values").forEach(v -> typeValues.add(v.path("value").asText()));
        }
        for (String token : rest.split("[^\\p{L}\\p{N}_.\\-]+")) {
            String word = token.replaceAll("\\.$", "");
            if (word.matches("-?[0-9]+(\\.[0-9]+)?")
                    || word.equalsIgnoreCase("true")
                    || word.equalsIgnoreCase("false")) {
                return Optional.of(word.toLowerCase(Locale.ROOT));
            }
            for (String value : typeValues) {
                if (value.equalsIgnoreCase(word)) {
                    return Optional.of(value);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean same(String ruleValue, String claimed) {
        try {
            return Double.parseDouble(ruleValue) == Double.parseDouble(claimed);
        } catch (NumberFormatException e) {
            return ruleValue.equalsIgnoreCase(claimed);
        }
    }
}
