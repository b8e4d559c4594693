package dev.parley.chat;

import dev.parley.modelcall.ChatMessage;
import dev.parley.modelcall.ChatMessage.Role;
import dev.parley.modelcall.ContentBlock;
import dev.parley.modelcall.ContentJson;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Chooses the part of a history that is sent with a new turn, and repairs what Bedrock would
 * reject. Pure: the same history and budget always give the same window.
 *
 * <p>History is cut into exchanges: a user's question and everything up to the next question
 * (tool uses, tool results, the answer). The window is the newest whole exchanges that fit the
 * budget, so it starts with a user's question, roles alternate, and a tool use is never separated
 * from its result.
 */
public final class HistoryWindow {

    private HistoryWindow() {}

    /**
     * @param history stored messages, oldest first (possibly already cut by the storage query)
     * @param maxChars budget for the characters of history kept
     */
    public static List<ChatMessage> select(List<ChatMessage> history, int maxChars) {
        List<List<ChatMessage>> exchanges = exchanges(repair(history));
        List<ChatMessage> window = new ArrayList<>();
        int used = 0;
        for (int i = exchanges.size() - 1; i >= 0; i--) {
            List<ChatMessage> exchange = exchanges.get(i);
            int size = exchange.stream().mapToInt(HistoryWindow::chars).sum();
            if (used + size > maxChars) {
                break;
            }
            used += size;
            window.addAll(0, exchange);
        }
        return List.copyOf(window);
    }

    /**
     * Makes a history valid for the Converse API:
     * <ul>
     * <li>empty messages are dropped;
     * <li>an assistant tool use whose results are not all in the next message is dropped, together
     * with that partial result message; so is a result message without its tool use;
     * <li>the history starts with a user's question (not a tool result) and alternates; a user
     * message left without a reply (a turn that never completed) is dropped;
     * <li>it ends with an assistant message, so the new user message follows naturally.
     * </ul>
     */
    static List<ChatMessage> repair(List<ChatMessage> history) {
        List<ChatMessage> paired =
                pairToolUses(history.stream().filter(HistoryWindow::hasContent).toList());
        List<ChatMessage> out = new ArrayList<>();
        for (ChatMessage message : paired) {
            Role expected =
                    out.isEmpty() || out.get(out.size() - 1).role() == Role.ASSISTANT
                            ? Role.USER
                            : Role.ASSISTANT;
            if (out.isEmpty() && isToolResults(message)) {
                continue;
            }
            if (message.role() == expected) {
                out.add(message);
            } else if (message.role() == Role.USER
                    && !isToolResults(message)
                    && !isToolResults(out.get(out.size() - 1))) {
                // Two questions in a row: the earlier one never got its answer.
                out.set(out.size() - 1, message);
            }
            // Otherwise (a reply without a question) the message is skipped.
        }
        while (!out.isEmpty()
                && (out.get(out.size() - 1).role() == Role.USER
                        || hasToolUse(out.get(out.size() - 1)))) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    /** Keeps a tool use only when the very next message answers each of its ids, and vice versa. */
    private static List<ChatMessage> pairToolUses(List<ChatMessage> messages) {
        List<ChatMessage> out = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage message = messages.get(i);
            if (hasToolUse(message)) {
                ChatMessage next = i + 1 < messages.size() ? messages.get(i + 1) : null;
                if (next != null
                        && isToolResults(next)
                        && toolUseIds(message).equals(toolResultIds(next))) {
                    out.add(message);
                    out.add(next);
                }
                i += next != null && isToolResults(next) ? 1 : 0;
            } else if (!isToolResults(message)) {
                out.add(message);
            }
        }
        return out;
    }

    private static List<List<ChatMessage>> exchanges(List<ChatMessage> messages) {
        List<List<ChatMessage>> exchanges = new ArrayList<>();
        for (ChatMessage message : messages) {
            if (message.role() == Role.USER && !isToolResults(message)) {
                exchanges.add(new ArrayList<>());
            }
            if (!exchanges.isEmpty()) {
                exchanges.get(exchanges.size() - 1).add(message);
            }
        }
        return exchanges;
    }

    private static boolean hasContent(ChatMessage message) {
        return message.content().stream()
                .anyMatch(
                        block ->
                                !(block instanceof ContentBlock.Text text)
                                        || !text.text().isBlank());
    }

    static boolean hasToolUse(ChatMessage message) {
        return message.content().stream().anyMatch(ContentBlock.ToolUse.class::isInstance);
    }

    static boolean isToolResults(ChatMessage message) {
        return message.role() == Role.USER
                && message.content().stream().anyMatch(ContentBlock.ToolResult.class::isInstance);
    }

    private static Set<String> toolUseIds(ChatMessage message) {
        Set<String> ids = new HashSet<>();
        message.content()
                .forEach(
                        block -> {
                            if (block instanceof ContentBlock.ToolUse use) {
                                ids.add(use.toolUseId());
                            }
                        });
        return ids;
    }

    private static Set<String> toolResultIds(ChatMessage message) {
        Set<String> ids = new HashSet<>();
        message.content()
                .forEach(
                        block -> {
                            if (block instanceof ContentBlock.ToolResult result) {
                                ids.add(result.toolUseId());
                            }
                        });
        return ids;
    }

    /** Text plus the JSON of tool blocks: what the model will actually read. */
    private static int chars(ChatMessage message) {
        return ContentJson.toJsonString(message.content()).length();
    }
}
