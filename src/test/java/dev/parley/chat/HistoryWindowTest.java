package dev.parley.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.bedrock.ChatMessage;
import dev.parley.bedrock.ChatMessage.Role;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The window rules, as pure functions: no Quarkus, no network. */
class HistoryWindowTest {

    static List<ChatMessage> turns(int count, int charsEach) {
        List<ChatMessage> history = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            history.add(ChatMessage.user("q" + i + "x".repeat(Math.max(0, charsEach - 2))));
            history.add(ChatMessage.assistant("a" + i + "y".repeat(Math.max(0, charsEach - 2))));
        }
        return history;
    }

    @Test
    void keepsEverythingThatFits() {
        assertEquals(turns(3, 10), HistoryWindow.select(turns(3, 10), 1_000));
    }

    @Test
    void keepsTheNewestWholeTurnsWithinTheBudget() {
        List<ChatMessage> window = HistoryWindow.select(turns(10, 100), 450);
        assertEquals(4, window.size(), "two turns of 200 characters fit in 450");
        assertTrue(window.get(0).text().startsWith("q8"));
        assertTrue(window.get(3).text().startsWith("a9"));
    }

    @Test
    void alwaysStartsWithAUserMessageAndAlternates() {
        List<ChatMessage> history = new ArrayList<>(turns(4, 20));
        history.remove(0); // the window read from storage may begin with a reply
        List<ChatMessage> window = HistoryWindow.select(history, 10_000);
        assertEquals(Role.USER, window.get(0).role());
        for (int i = 0; i < window.size(); i++) {
            assertEquals(i % 2 == 0 ? Role.USER : Role.ASSISTANT, window.get(i).role());
        }
        assertEquals(Role.ASSISTANT, window.get(window.size() - 1).role());
    }

    @Test
    void repairsAUserMessageLeftWithoutAReply() {
        List<ChatMessage> history = List.of(ChatMessage.user("lost question"), ChatMessage.user("asked again"),
                ChatMessage.assistant("answer"), ChatMessage.user("dangling at the end"));
        List<ChatMessage> window = HistoryWindow.select(history, 10_000);
        assertEquals(List.of(ChatMessage.user("asked again"), ChatMessage.assistant("answer")), window);
    }

    @Test
    void dropsEmptyMessagesAndRepliesWithoutQuestions() {
        List<ChatMessage> history = List.of(ChatMessage.assistant("orphan reply"), ChatMessage.user(" "),
                ChatMessage.user("real"), ChatMessage.assistant("fine"), ChatMessage.assistant("double reply"));
        assertEquals(List.of(ChatMessage.user("real"), ChatMessage.assistant("fine")),
                HistoryWindow.select(history, 10_000));
    }

    @Test
    void aSingleTurnLargerThanTheBudgetIsLeftOut() {
        assertEquals(List.of(), HistoryWindow.select(turns(1, 5_000), 100));
    }
}
