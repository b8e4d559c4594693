package dev.parley.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextChunkerTest {

    private static String paragraph(int number, int sentences) {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= sentences; i++) {
            text.append("Paragraph ")
                    .append(number)
                    .append(" sentence ")
                    .append(i)
                    .append(" has a few words. ");
        }
        return text.toString().strip();
    }

    @Test
    void shortTextIsOneChunk() {
        assertEquals(List.of("Just this."), TextChunker.split("  Just this.\n", 100));
        assertEquals(List.of(), TextChunker.split("   ", 100));
    }

    @Test
    void cutsBetweenParagraphsAndPacksThemGreedily() {
        List<String> paragraphs = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            paragraphs.add(paragraph(i, 3)); // about 120 characters each
        }
        List<String> chunks = TextChunker.split(String.join("\n\n", paragraphs), 300);
        assertEquals(3, chunks.size(), chunks.toString());
        for (String chunk : chunks) {
            assertTrue(chunk.length() <= 300, chunk.length() + ": " + chunk);
            // Whole paragraphs only: every chunk starts a paragraph and ends a sentence.
            assertTrue(chunk.startsWith("Paragraph ") && chunk.endsWith("words."), chunk);
        }
        assertEquals(String.join("\n\n", paragraphs), String.join("\n\n", chunks));
    }

    @Test
    void aLongParagraphIsCutBetweenSentences() {
        String text = paragraph(1, 20);
        List<String> chunks = TextChunker.split(text, 200);
        assertTrue(chunks.size() > 1);
        for (String chunk : chunks) {
            assertTrue(chunk.length() <= 200, chunk);
            assertTrue(chunk.endsWith("words."), "ends on a sentence: " + chunk);
        }
        assertEquals(text, String.join(" ", chunks));
    }

    @Test
    void aSentenceLongerThanAChunkIsCutBetweenWords() {
        String sentence = "word ".repeat(100).strip() + ".";
        List<String> chunks = TextChunker.split(sentence, 42);
        for (String chunk : chunks) {
            assertTrue(chunk.length() <= 42, chunk);
            assertTrue(!chunk.startsWith(" ") && !chunk.endsWith(" "), chunk);
        }
        assertEquals(sentence, String.join(" ", chunks));
    }

    @Test
    void aWordLongerThanAChunkIsSliced() {
        String word = "x".repeat(250);
        List<String> chunks = TextChunker.split(word, 100);
        assertEquals(List.of("x".repeat(100), "x".repeat(100), "x".repeat(50)), chunks);
    }

    @Test
    void cjkSentencesAreCutAtTheirFullStops() {
        String text = "今日は晴れです。明日は雨が降ります。週末は雪になるでしょう。".repeat(10);
        List<String> chunks = TextChunker.split(text, 60);
        for (String chunk : chunks) {
            assertTrue(chunk.length() <= 60, chunk);
            assertTrue(chunk.endsWith("。"), chunk);
        }
    }

    @Test
    void packKeepsOrderAndLetsAnOversizedPieceStandAlone() {
        assertEquals(
                List.of("a-b", "cccccc", "d"),
                TextChunker.pack(List.of("a", "b", "cccccc", "d"), 4, "-"));
    }

    @Test
    void refusesANonPositiveSize() {
        assertThrows(IllegalArgumentException.class, () -> TextChunker.split("text", 0));
    }
}
