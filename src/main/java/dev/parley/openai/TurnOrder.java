package dev.parley.openai;

import dev.parley.modelcall.ChatMessage;
import dev.parley.modelcall.ChatMessage.Role;
import dev.parley.modelcall.ContentBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * The turn order Converse requires, from a transcript already checked for tool pairing: adjacent
 * turns of one role merged into one (tool results and the user's next words share a user turn),
 * leading assistant turns dropped (a conversation starts with the user). Nothing the model should
 * read is lost, unlike {@code chat.HistoryWindow}'s repair of stored history, which may cut.
 */
public final class TurnOrder {

    private TurnOrder() {}

    public static List<ChatMessage> repair(List<ChatMessage> turns) {
        List<ChatMessage> out = new ArrayList<>();
        for (ChatMessage turn : turns) {
            if (out.isEmpty() && turn.role() == Role.ASSISTANT) {
                continue;
            }
            if (!out.isEmpty() && out.get(out.size() - 1).role() == turn.role()) {
                List<ContentBlock> merged = new ArrayList<>(out.get(out.size() - 1).content());
                merged.addAll(turn.content());
                out.set(out.size() - 1, new ChatMessage(turn.role(), merged));
            } else {
                out.add(turn);
            }
        }
        return out;
    }

    /**
     * The transcript with tool blocks written out as text, for a call made without tools
     * ({@code tool_choice: none}, or no {@code tools}): Bedrock refuses tool blocks without a
     * toolConfig, and a toolConfig would let the model call tools.
     */
    public static List<ChatMessage> withToolBlocksAsText(List<ChatMessage> turns) {
        List<ChatMessage> out = new ArrayList<>();
        for (ChatMessage turn : turns) {
            List<ContentBlock> blocks = new ArrayList<>();
            for (ContentBlock block : turn.content()) {
                if (block instanceof ContentBlock.ToolUse use) {
                    blocks.add(
                            new ContentBlock.Text(
                                    "[called tool "
                                            + use.name()
                                            + " (call "
                                            + use.toolUseId()
                                            + ") with "
                                            + use.input()
                                            + "]"));
                } else if (block instanceof ContentBlock.ToolResult result) {
                    StringBuilder text = new StringBuilder();
                    result.content()
                            .forEach(
                                    item -> text.append(item.path("text").asText(item.toString())));
                    blocks.add(
                            new ContentBlock.Text(
                                    "[result of tool call "
                                            + result.toolUseId()
                                            + ": "
                                            + text
                                            + "]"));
                } else {
                    blocks.add(block);
                }
            }
            out.add(new ChatMessage(turn.role(), blocks));
        }
        return out;
    }

    public static boolean hasToolBlocks(List<ChatMessage> turns) {
        return turns.stream()
                .flatMap(turn -> turn.content().stream())
                .anyMatch(
                        block ->
                                block instanceof ContentBlock.ToolUse
                                        || block instanceof ContentBlock.ToolResult);
    }
}
