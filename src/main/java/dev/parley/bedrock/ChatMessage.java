package dev.parley.bedrock;

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
}
