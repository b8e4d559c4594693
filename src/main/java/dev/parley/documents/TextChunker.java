package dev.parley.documents;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits text into chunks of at most {@code maxChars}, cutting between paragraphs where it can,
 * else between sentences, else between words, and only as a last resort inside a word. Pure.
 */
final class TextChunker {
    private static final Pattern PARAGRAPH = Pattern.compile("\\n\\s*\\n");

    /** After sentence punctuation (Latin and CJK full stops) followed by white space, or after a CJK full stop. */
    private static final Pattern SENTENCE = Pattern.compile("(?<=[.!?…])\\s+|(?<=[。！？])");

    private static final Pattern WORD = Pattern.compile("\\s+");
    private static final String PARAGRAPH_SEPARATOR = "\n\n";

    private TextChunker() {}

    static List<String> split(String text, int maxChars) {
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be positive, got " + maxChars);
        }
        String trimmed = text.strip();
        if (trimmed.length() <= maxChars) {
            return trimmed.isEmpty() ? List.of() : List.of(trimmed);
        }
        List<String> chunks = new ArrayList<>();
        for (String paragraph : PARAGRAPH.split(trimmed)) {
            String clean = paragraph.strip();
            if (!clean.isEmpty()) {
                chunks.addAll(fit(clean, maxChars));
            }
        }
        return pack(chunks, maxChars, PARAGRAPH_SEPARATOR);
    }

    /**
     * Joins consecutive pieces with {@code separator} into as few groups as fit in {@code maxChars},
     * keeping their order. A piece longer than {@code maxChars} stays a group of its own.
     */
    static List<String> pack(List<String> pieces, int maxChars, String separator) {
        List<String> groups = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String piece : pieces) {
            if (current.length() > 0
                    && current.length() + separator.length() + piece.length() > maxChars) {
                groups.add(current.toString());
                current.setLength(0);
            }
            if (current.length() > 0) {
                current.append(separator);
            }
            current.append(piece);
        }
        if (current.length() > 0) {
            groups.add(current.toString());
        }
        return groups;
    }

    /** A paragraph as pieces of at most maxChars: itself, or its sentences, words, or slices, packed back. */
    private static List<String> fit(String paragraph, int maxChars) {
        if (paragraph.length() <= maxChars) {
            return List.of(paragraph);
        }
        List<String> pieces = new ArrayList<>();
        for (String sentence : SENTENCE.split(paragraph)) {
            if (sentence.length() <= maxChars) {
                pieces.add(sentence);
                continue;
            }
            List<String> words = new ArrayList<>();
            for (String word : WORD.split(sentence)) {
                for (int from = 0; from < word.length(); from += maxChars) {
                    words.add(word.substring(from, Math.min(word.length(), from + maxChars)));
                }
            }
            pieces.addAll(pack(words, maxChars, " "));
        }
        return pack(pieces, maxChars, " ");
    }
}
