package dev.parley.local.bedrock.guardrails;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The contextual grounding check, approximated so tests can reason about it. Bedrock scores an
 * answer (0 to 1) for GROUNDING (is every claim supported by the grounding source) and RELEVANCE
 * (does it answer the query) and flags a score below the configured threshold. Here a sentence of
 * the answer is grounded as far as one sentence of the source holds its content words (AWS's
 * example: "The capital of Japan is London" is not grounded in "London is the capital of UK. Tokyo
 * is the capital of Japan", though every word appears somewhere), and relevance is the share of
 * the query's content words the answer takes up. Scores are rounded to two decimals.
 */
final class GroundingCheck {

    /** What the check reads besides the guarded text: both are needed for it to run. */
    record Context(String groundingSource, String query) {
        static final Context NONE = new Context("", "");

        boolean complete() {
            return !groundingSource.isBlank() && !query.isBlank();
        }
    }

    private static final Set<String> STOP_WORDS =
            Set.of(
                    "is", "of", "to", "in", "on", "at", "it", "an", "as", "be", "by", "or", "do",
                    "if", "so", "we", "me", "my", "no", "the", "and", "for", "are", "was", "were",
                    "what", "which", "who", "how", "that", "this", "with", "from", "has", "have",
                    "its", "his", "her", "their", "our", "your", "you", "not", "but", "can", "does",
                    "did", "will", "into", "about", "there", "then", "than", "them", "they", "also",
                    "any", "all");

    private GroundingCheck() {}

    /**
     * Adds each enabled filter's finding to {@code findings}; returns true when one that blocks
     * detected a score below its threshold.
     */
    static boolean assess(JsonNode policy, String answer, Context context, ArrayNode findings) {
        boolean blocked = false;
        for (JsonNode filter : policy.path("filters")) {
            if (!filter.path("enabled").asBoolean(true)) {
                continue;
            }
            String type = filter.path("type").asText();
            double threshold = filter.path("threshold").asDouble();
            double score =
                    "GROUNDING".equals(type)
                            ? grounding(answer, context.groundingSource())
                            : relevance(answer, context.query());
            boolean detected = score < threshold;
            boolean blocks = detected && "BLOCK".equals(filter.path("action").asText("BLOCK"));
            findings.addObject()
                    .put("type", type)
                    .put("threshold", threshold)
                    .put("score", score)
                    .put("action", blocks ? "BLOCKED" : "NONE")
                    .put("detected", detected);
            blocked |= blocks;
        }
        return blocked;
    }

    static double grounding(String answer, String source) {
        List<Set<String>> sourceSentences = sentences(source);
        int words = 0;
        int supported = 0;
        for (Set<String> sentence : sentences(answer)) {
            int best = 0;
            for (Set<String> candidate : sourceSentences) {
                best = Math.max(best, (int) sentence.stream().filter(candidate::contains).count());
            }
            words += sentence.size();
            supported += best;
        }
        return words == 0 ? 1.0 : round((double) supported / words);
    }

    static double relevance(String answer, String query) {
        Set<String> asked = words(query);
        Set<String> answered = words(answer);
        if (asked.isEmpty()) {
            return 1.0;
        }
        return round((double) asked.stream().filter(answered::contains).count() / asked.size());
    }

    private static List<Set<String>> sentences(String text) {
        List<Set<String>> out = new ArrayList<>();
        for (String sentence : text.split("[.!?;\\n]+")) {
            Set<String> words = words(sentence);
            if (!words.isEmpty()) {
                out.add(words);
            }
        }
        return out;
    }

    private static Set<String> words(String text) {
        Set<String> words = new LinkedHashSet<>();
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (word.length() >= 2 && !STOP_WORDS.contains(word)) {
                words.add(word);
            }
        }
        return words;
    }

    private static double round(double score) {
        return Math.round(score * 100) / 100.0;
    }
}
