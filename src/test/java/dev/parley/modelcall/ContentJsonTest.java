package dev.parley.modelcall;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Stored content keeps reasoning in the Converse shape, signature and redacted bytes included. */
class ContentJsonTest {

    @Test
    void reasoningBlocksRoundTripInTheConverseShape() {
        List<ContentBlock> content =
                List.of(
                        new ContentBlock.Reasoning("Let me think.", "sig-123"),
                        new ContentBlock.Reasoning("Unsigned thought.", null),
                        new ContentBlock.RedactedReasoning(new byte[] {1, 2, 3}),
                        new ContentBlock.Text("Answer."));
        String json = ContentJson.toJsonString(content);
        assertEquals(
                "[{\"reasoningContent\":{\"reasoningText\":{\"text\":\"Let me think.\",\"signature\":\"sig-123\"}}},"
                        + "{\"reasoningContent\":{\"reasoningText\":{\"text\":\"Unsigned thought.\"}}},"
                        + "{\"reasoningContent\":{\"redactedContent\":\"AQID\"}},{\"text\":\"Answer.\"}]",
                json);

        List<ContentBlock> back = ContentJson.fromJsonString(json);
        assertEquals(content.get(0), back.get(0));
        assertNull(((ContentBlock.Reasoning) back.get(1)).signature());
        assertArrayEquals(
                new byte[] {1, 2, 3}, ((ContentBlock.RedactedReasoning) back.get(2)).data());
        ChatMessage message = new ChatMessage(ChatMessage.Role.ASSISTANT, back);
        assertEquals("Answer.", message.text());
        assertEquals("Let me think.Unsigned thought.", message.reasoning());
        assertEquals(
                List.of(new ContentBlock.Text("Answer.")), message.withoutReasoning().content());
    }
}
