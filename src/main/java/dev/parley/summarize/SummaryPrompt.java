package dev.parley.summarize;

import dev.parley.modelcall.ChatMessage;

/**
 * The summarization prompt. The text is fenced in {@code <text>} tags so instructions inside the
 * text read as content, and the system prompt forbids adding anything the text does not say.
 */
final class SummaryPrompt {
    static final String SYSTEM =
            "You summarize texts faithfully. Use only information stated in the text you are"
                    + " given; do not add facts, opinions, context or advice that are not in it. Answer with the summary"
                    + " only, without a preamble.";

    private SummaryPrompt() {}

    static ChatMessage userMessage(String text, SummaryStyle style) {
        // A closing tag inside the text would end the fence early; break it up.
        String fenced = text.replace("</text>", "</ text>");
        return ChatMessage.user(
                "Summarize the text enclosed in the text tags below "
                        + style.instruction()
                        + ".\n\n<text>\n"
                        + fenced
                        + "\n</text>");
    }
}
