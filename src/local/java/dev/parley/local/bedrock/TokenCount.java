package dev.parley.local.bedrock;

/**
 * How the emulator counts tokens: by word pieces, the way byte-pair encoders split text, not by
 * Parley's four-characters-per-token estimate ({@code caching/PromptTokens}). Parley's estimate
 * is then tested against a different count, as it is against Bedrock's real tokenizers, instead
 * of being mirrored. No tokenizer of a Bedrock model family is on the Maven registry this project
 * builds from (Anthropic publishes none; {@code ai.djl.huggingface:tokenizers} needs a native
 * library fetched at run time), so the count approximates one:
 * <ul>
 * <li>a run of letters is one token per eight letters (common words are one token in BPE
 * vocabularies, long ones split);</li>
 * <li>a run of digits is one token per three digits (cl100k-style digit grouping);</li>
 * <li>every other visible character (punctuation, symbols) is a token, and so is every character
 * of a script written without spaces (Han, kana, Hangul);</li>
 * <li>a single space is free (encoders attach it to the next word); any other run of whitespace
 * (newlines, indentation) is one token.</li>
 * </ul>
 * English prose comes out at about 4.5 characters per token, close to Parley's rule; code, numbers,
 * long words and CJK text come out differently, which is where an estimate must leave a margin.
 */
final class TokenCount {

    private TokenCount() {}

    static int of(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        int tokens = 0;
        int i = 0;
        int length = text.length();
        while (i < length) {
            int c = text.codePointAt(i);
            int start = i;
            if (isSpaceless(c)) {
                tokens++;
                i += Character.charCount(c);
            } else if (Character.isLetter(c)) {
                while (i < length
                        && Character.isLetter(text.codePointAt(i))
                        && !isSpaceless(text.codePointAt(i))) {
                    i += Character.charCount(text.codePointAt(i));
                }
                tokens += 1 + (text.codePointCount(start, i) - 1) / 8;
            } else if (Character.isDigit(c)) {
                while (i < length && Character.isDigit(text.codePointAt(i))) {
                    i += Character.charCount(text.codePointAt(i));
                }
                tokens += (text.codePointCount(start, i) + 2) / 3;
            } else if (Character.isWhitespace(c)) {
                while (i < length && Character.isWhitespace(text.codePointAt(i))) {
                    i += Character.charCount(text.codePointAt(i));
                }
                boolean singleSpace = i - start == 1 && c == ' ';
                tokens += singleSpace ? 0 : 1;
            } else {
                tokens++;
                i += Character.charCount(c);
            }
        }
        return Math.max(1, tokens);
    }

    private static boolean isSpaceless(int c) {
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        return script == Character.UnicodeScript.HAN
                || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA
                || script == Character.UnicodeScript.HANGUL;
    }
}
