package dev.parley.local.bedrock;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The default model's summariser: extractive, so its output is always made of sentences of the
 * input, in their original order, which lets tests assert on it without a real model.
 */
final class Summarizer {

    enum Style {
        CONCISE,
        BULLETS,
        ONE_SENTENCE,
        DETAILED
    }

    private static final Pattern TEXT_TAG =
            Pattern.compile("<text>(.*?)</text>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

    /** "Summarize this:" / "Please summarize the following article." on its own line. */
    private static final Pattern INSTRUCTION_LEAD =
            Pattern.compile("^[^\\n]{0,200}?summar[^\\n:]*(?::|\\R)", Pattern.CASE_INSENSITIVE);

    private static final Pattern SHORTEN =
            Pattern.compile(
                    "\\b(shorter|shorten|one[- ]sentence|single sentence|more concise|briefer|more brief|condense|tl;?dr)\\b",
                    Pattern.CASE_INSENSITIVE);

    private Summarizer() {}

    /** The user text without the document inside {@code <text>} tags. */
    static String instructions(String userText) {
        return TEXT_TAG.matcher(userText).replaceAll(" ");
    }

    /** A summary is wanted when the system prompt or the user's instructions mention "summar". */
    static boolean isRequested(String system, String userText) {
        return (system + " " + instructions(userText)).toLowerCase(Locale.ROOT).contains("summar");
    }

    static Style style(String system, String userText) {
        String wording = (system + " " + instructions(userText)).toLowerCase(Locale.ROOT);
        if (wording.matches("(?s).*\\b(one|single|1)[- ]sentence.*")) {
            return Style.ONE_SENTENCE;
        }
        if (wording.contains("bullet")) {
            return Style.BULLETS;
        }
        return wording.contains("detailed") ? Style.DETAILED : Style.CONCISE;
    }

    /** The text to summarise: inside {@code <text>} tags, else the message minus its instruction line. */
    static String document(String userText) {
        Matcher tagged = TEXT_TAG.matcher(userText);
        List<String> parts = new ArrayList<>();
        while (tagged.find()) {
            parts.add(tagged.group(1).strip());
        }
        if (!parts.isEmpty()) {
            return String.join("\n", parts);
        }
        Matcher lead = INSTRUCTION_LEAD.matcher(userText.strip());
        if (lead.find() && !userText.strip().substring(lead.end()).isBlank()) {
            return userText.strip().substring(lead.end()).strip();
        }
        return userText.strip();
    }

    /** A follow-up such as "make it one sentence": short, no document of its own. */
    static boolean isShortenFollowUp(String userText) {
        return !TEXT_TAG.matcher(userText).find()
                && Text.words(userText).size() <= 15
                && SHORTEN.matcher(userText).find();
    }

    /** Shortens a previous reply to its single most informative sentence. */
    static String shorten(String previousReply) {
        List<String> sentences = Text.sentences(previousReply);
        if (sentences.size() > 1) {
            return summarize(previousReply, Style.ONE_SENTENCE);
        }
        List<String> words = List.of(previousReply.strip().split("\\s+"));
        return words.size() <= 12
                ? Text.terminated(previousReply)
                : Text.terminated(String.join(" ", words.subList(0, 12)).replaceAll("[,;:]$", ""));
    }

    static String summarize(String document, Style style) {
        List<String> sentences = Text.sentences(document);
        if (sentences.isEmpty()) {
            return "There is no text to summarize.";
        }
        int keep = Math.min(sentences.size(), count(style, sentences.size()));
        double[] scores = scores(sentences);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparingInt(i -> i));
        List<Integer> chosen = new ArrayList<>(order.subList(0, keep));
        chosen.sort(Comparator.naturalOrder());
        List<String> picked = new ArrayList<>();
        for (int index : chosen) {
            picked.add(Text.terminated(sentences.get(index)));
        }
        if (style == Style.BULLETS) {
            return "- " + String.join("\n- ", picked);
        }
        return String.join(" ", picked);
    }

    /** How many sentences each style keeps out of n: a quarter, a third or half of them, bounded. */
    private static int count(Style style, int n) {
        return switch (style) {
            case ONE_SENTENCE -> 1;
            case CONCISE -> clamp((n + 3) / 4, Math.min(2, n), 4);
            case BULLETS -> clamp((n + 2) / 3, Math.min(3, n), 7);
            case DETAILED -> clamp((n + 1) / 2, Math.min(2, n), 10);
        };
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }

    /**
     * Classic frequency scoring: a sentence is worth the document frequencies of its content
     * words, divided by the square root of their number (so neither long nor short sentences
     * win by length alone), with a small bonus for the lead sentence.
     */
    private static double[] scores(List<String> sentences) {
        Map<String, Integer> frequency = new HashMap<>();
        List<List<String>> words = new ArrayList<>();
        for (String sentence : sentences) {
            List<String> content = Text.contentWords(sentence).stream().map(Text::stem).toList();
            words.add(content);
            content.forEach(w -> frequency.merge(w, 1, Integer::sum));
        }
        double[] scores = new double[sentences.size()];
        for (int i = 0; i < sentences.size(); i++) {
            List<String> content = words.get(i);
            double sum = content.stream().mapToInt(frequency::get).sum();
            scores[i] = content.isEmpty() ? 0 : sum / Math.sqrt(content.size());
            if (content.size() < 3) {
                scores[i] *= 0.5;
            }
            if (i == 0) {
                scores[i] *= 1.15;
            }
        }
        return scores;
    }
}
