package dev.parley.modelcall;

import java.util.List;

/** One turn of a conversation as the Converse API sees it. */
public record ChatMessage(Role role, List<ContentBlock> content) {

    public enum Role {
        USER,
        ASSISTANT
    }

    public ChatMessage {
        content = List.copyOf(content);
    }

    public static ChatMessage user(String text) {
        return new ChatMessage(Role.USER, List.of(new ContentBlock.Text(text)));
    }

    public static ChatMessage assistant(String text) {
        return new ChatMessage(Role.ASSISTANT, List.of(new ContentBlock.Text(text)));
    }

    /** All text blocks joined, for replies and titles. */
    public String text() {
        StringBuilder out = new StringBuilder();
        for (ContentBlock block : content) {
            if (block instanceof ContentBlock.Text text) {
                out.append(text.text());
            }
        }
        return out.toString();
    }

    /** All reasoning text joined; empty when the model did not reason. Never part of {@link #text()}. */
    public String reasoning() {
        StringBuilder out = new StringBuilder();
        for (ContentBlock block : content) {
            if (block instanceof ContentBlock.Reasoning reasoning) {
                out.append(reasoning.text());
            }
        }
        return out.toString();
    }

    /** This message without reasoning blocks, for the places Bedrock refuses them (outside a tool loop). */
    public ChatMessage withoutReasoning() {
        List<ContentBlock> kept =
                content.stream()
                        .filter(
                                block ->
                                        !(block instanceof ContentBlock.Reasoning
                                                || block instanceof ContentBlock.RedactedReasoning))
                        .toList();
        return kept.size() == content.size() ? this : new ChatMessage(role, kept);
    }
}
