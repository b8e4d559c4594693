package dev.parley.local.bedrock;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Plain-text helpers shared by the deterministic model: tokens, sentences, words, deltas. */
final class Text {

    /** A sentence ends at . ! or ? (optionally closed by a quote or bracket) before a capital or digit. */
    private static final Pattern SENTENCE_BREAK =
            Pattern.compile("(?<=[.!?][\"')\\]]?)\\s+(?=[\"'(\\[]?[\\p{Lu}\\p{N}])");

    private static final Pattern LIST_MARKER = Pattern.compile("^\\s*(?:[-*\u2022]|\\d+[.)])\\s+");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}']+");

    static final Set<String> STOPWORDS =
            Set.of(
                    "a", "about", "above", "after", "again", "all", "also", "am", "an", "and",
                    "any", "are", "as", "at", "be", "because", "been", "before", "being", "between",
                    "both", "but", "by", "can", "could", "did", "do", "does", "doing", "down",
                    "during", "each", "few", "for", "from", "further", "had", "has", "have",
                    "having", "he", "her", "here", "hers", "him", "his", "how", "i", "if", "in",
                    "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my", "no",
                    "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our",
                    "ours", "out", "over", "own", "same", "she", "should", "so", "some", "such",
                    "than", "that", "the", "their", "theirs", "them", "then", "there", "these",
                    "they", "this", "those", "through", "to", "too", "under", "until", "up", "very",
                    "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom",
                    "why", "will", "with", "would", "you", "your", "yours", "please", "tell",
                    "give", "show", "want", "like", "need", "know", "use", "using", "used", "make",
                    "let", "get", "may", "might", "must", "shall", "one", "two", "many", "much",
                    "well", "yes", "it's", "i'm", "what's", "that's", "there's");

    private Text() {}

    /** Tokens as the emulator counts them (word pieces, see {@link TokenCount}), at least one for any text. */
    static int tokens(String text) {
        return TokenCount.of(text);
    }

    /** Sentences in order; lines and list items count as separate sentences, markers removed. */
    static List<String> sentences(String text) {
        List<String> sentences = new ArrayList<>();
        for (String line : text.split("\\R+")) {
            String item = LIST_MARKER.matcher(line).replaceFirst("").trim();
            if (item.isEmpty()) {
                continue;
            }
            for (String sentence : SENTENCE_BREAK.split(item.replaceAll("\\s+", " "))) {
                if (!sentence.isBlank()) {
                    sentences.add(sentence.trim());
                }
            }
        }
        return sentences;
    }

    /** Lower-case words (letters, digits, apostrophes). */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher matcher = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (matcher.find()) {
            words.add(matcher.group());
        }
        return words;
    }

    /** Words that carry meaning: not stopwords, at least three characters. */
    static List<String> contentWords(String text) {
        List<String> words = new ArrayList<>();
        for (String word : words(text)) {
            if (word.length() >= 3 && !STOPWORDS.contains(word)) {
                words.add(word);
            }
        }
        return words;
    }

    /** Crude suffix stripping so that "weather"/"weathers" or "calculate"/"calculator" meet. */
    static String stem(String word) {
        for (String suffix :
                List.of(
                        "ations", "ation", "ions", "ion", "ings", "ing", "ers", "er", "ors", "or",
                        "es", "ed", "s", "e")) {
            if (word.endsWith(suffix) && word.length() - suffix.length() >= 3) {
                return word.substring(0, word.length() - suffix.length());
            }
        }
        return word;
    }

    /**
     * Splits a reply into stream deltas, one word and its trailing whitespace each, so that the
     * deltas concatenated give back exactly the reply.
     */
    static List<String> deltas(String text) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        for (int i = 1; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i - 1))
                    && !Character.isWhitespace(text.charAt(i))
                    && text.substring(start, i).chars().anyMatch(c -> !Character.isWhitespace(c))) {
                pieces.add(text.substring(start, i));
                start = i;
            }
        }
        if (start < text.length()) {
            pieces.add(text.substring(start));
        }
        return pieces;
    }

    /** Shortens to at most {@code max} characters, marking the cut with an ellipsis. */
    static String clip(String text, int max) {
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() <= max ? flat : flat.substring(0, max).stripTrailing() + "\u2026";
    }

    /** Ends the text with a full stop unless it already ends a sentence. */
    static String terminated(String sentence) {
        String s = sentence.strip();
        return s.isEmpty() || ".!?".indexOf(s.charAt(s.length() - 1)) >= 0 ? s : s + ".";
    }
}
