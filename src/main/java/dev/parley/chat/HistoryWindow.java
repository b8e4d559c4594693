package dev.parley.chat;

import dev.parley.bedrock.ChatMessage;
import dev.parley.bedrock.ChatMessage.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the part of a history that is sent with a new turn, and repairs what Bedrock would
 * reject. Pure: the same history and budget always give the same window.
 *
 * <p>The window is the newest part that fits the budget, starts with a user message and
 * alternates roles. Messages are dropped whole, oldest first, so a model never sees half a turn.
 */
public final class HistoryWindow {

    private HistoryWindow() {
    }

    /**
     * @param history stored messages, oldest first (possibly already cut by the storage query)
     * @param maxChars budget for the characters of history kept
     */
    public static List<ChatMessage> select(List<ChatMessage> history, int maxChars) {
        List<ChatMessage> repaired = repair(history);
        int start = repaired.size();
        int used = 0;
        // Walk back from the newest message, keeping whole user→assistant pairs while they fit.
        for (int i = repaired.size() - 2; i >= 0; i -= 2) {
            int pair = chars(repaired.get(i)) + chars(repaired.get(i + 1));
            if (used + pair > maxChars) {
                break;
            }
            used += pair;
            start = i;
        }
        return List.copyOf(repaired.subList(start, repaired.size()));
    }

    /**
     * Makes a history valid for the Converse API: it begins with a user message and alternates.
     * A user message left without a reply (a turn that never completed) is dropped, as is an
     * assistant message without a question; the history then ends with an assistant message, so
     * the new user message follows naturally.
     */
    static List<ChatMessage> repair(List<ChatMessage> history) {
        List<ChatMessage> out = new ArrayList<>();
        for (ChatMessage message : history) {
            if (message.content().isEmpty() || message.text().isBlank()) {
                continue;
            }
            Role expected = out.isEmpty() || out.get(out.size() - 1).role() == Role.ASSISTANT ? Role.USER
                    : Role.ASSISTANT;
            if (message.role() == expected) {
                out.add(message);
            } else if (message.role() == Role.USER) {
                // Two user messages in a row: the earlier one never got its answer.
                out.set(out.size() - 1, message);
            }
            // An assistant message where a user message was expected has no question: skip it.
        }
        if (!out.isEmpty() && out.get(out.size() - 1).role() == Role.USER) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    private static int chars(ChatMessage message) {
        return message.text().length();
    }
}
