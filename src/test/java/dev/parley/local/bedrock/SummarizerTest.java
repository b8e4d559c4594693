package dev.parley.local.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SummarizerTest {

    @Test
    void sentencesSplitOnEndPunctuationLinesAndListItems() {
        assertEquals(
                List.of("First one.", "Second one?", "Third", "Fourth item!"),
                Text.sentences("First one. Second one?\nThird\n- Fourth item!"));
        assertEquals(
                List.of("Version 2.5 is out.", "It costs $3.50 now."),
                Text.sentences("Version 2.5 is out. It costs $3.50 now."));
    }

    @Test
    void documentComesFromTextTagsOrFollowsTheInstruction() {
        assertEquals(
                "Body here.", Summarizer.document("Summarize please <text> Body here. </text>"));
        assertEquals(
                "The cat sat. It purred.",
                Summarizer.document("Summarize this: The cat sat. It purred."));
        assertEquals(
                "The cat sat.",
                Summarizer.document("Please summarize the following.\n\nThe cat sat."));
    }

    @Test
    void styleIsReadFromTheInstructionsNotFromTheDocument() {
        assertEquals(
                Summarizer.Style.BULLETS,
                Summarizer.style("Answer with bullet points.", "<text>x</text>"));
        assertEquals(
                Summarizer.Style.ONE_SENTENCE,
                Summarizer.style("", "Give a one-sentence summary: <text>x</text>"));
        assertEquals(
                Summarizer.Style.DETAILED,
                Summarizer.style("", "A detailed summary please <text>x</text>"));
        assertEquals(
                Summarizer.Style.CONCISE,
                Summarizer.style("", "Summarize <text>bullet detailed</text>"));
        assertFalse(Summarizer.isRequested("", "What is this? <text>summarize</text>"));
        assertTrue(Summarizer.isRequested("You are a summarizer.", "<text>x</text>"));
    }

    @Test
    void summaryKeepsTheMostInformativeSentencesInOrder() {
        String text =
                "Solar panels turn sunlight into electricity. Weather was nice. Solar electricity is cheap"
                        + " and solar panels last decades. Birds sang. Panels need sunlight to make electricity.";

        String one = Summarizer.summarize(text, Summarizer.Style.ONE_SENTENCE);
        String bullets = Summarizer.summarize(text, Summarizer.Style.BULLETS);

        assertEquals("Solar panels turn sunlight into electricity.", one);
        assertEquals(
                "- Solar panels turn sunlight into electricity.\n- Solar electricity is cheap and solar panels"
                        + " last decades.\n- Panels need sunlight to make electricity.",
                bullets);
        assertEquals(
                "Solar panels turn sunlight into electricity. Solar electricity is cheap and solar panels last"
                        + " decades.",
                Summarizer.summarize(text, Summarizer.Style.CONCISE));
        assertEquals(
                "There is no text to summarize.",
                Summarizer.summarize("  ", Summarizer.Style.CONCISE));
    }

    @Test
    void shortenFollowUpsAreShortAndHaveNoTextOfTheirOwn() {
        assertTrue(Summarizer.isShortenFollowUp("make it one sentence"));
        assertTrue(Summarizer.isShortenFollowUp("Can you make that shorter?"));
        assertFalse(
                Summarizer.isShortenFollowUp("Summarize in one sentence: <text>Long text.</text>"));
        assertFalse(Summarizer.isShortenFollowUp("Tell me about the weather"));
        assertEquals(
                "One two three four five six seven eight nine ten eleven twelve.",
                Summarizer.shorten(
                        "One two three four five six seven eight nine ten eleven twelve thirteen fourteen"));
    }

    @Test
    void deltasConcatenateToTheText() {
        String text = "  Hello,  world!\nNext line. ";
        assertEquals(text, String.join("", Text.deltas(text)));
        assertEquals(List.of("  Hello,  ", "world!\n", "Next ", "line. "), Text.deltas(text));
    }
}
