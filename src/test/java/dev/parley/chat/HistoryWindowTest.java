package dev.parley.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.parley.modelcall.ChatMessage;
import dev.parley.modelcall.ChatMessage.Role;
import dev.parley.modelcall.ContentBlock;
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
        // Each message counts as the JSON the model reads: 100 characters of text plus 13 of
        // framing.
        List<ChatMessage> window = HistoryWindow.select(turns(10, 100), 500);
        assertEquals(4, window.size(), "two turns of 226 characters fit in 500, three do not");
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
        List<ChatMessage> history =
                List.of(
                        ChatMessage.user("lost question"),
                        ChatMessage.user("asked again"),
                        ChatMessage.assistant("answer"),
                        ChatMessage.user("dangling at the end"));
        List<ChatMessage> window = HistoryWindow.select(history, 10_000);
        assertEquals(
                List.of(ChatMessage.user("asked again"), ChatMessage.assistant("answer")), window);
    }

    @Test
    void dropsEmptyMessagesAndRepliesWithoutQuestions() {
        List<ChatMessage> history =
                List.of(
                        ChatMessage.assistant("orphan reply"),
                        ChatMessage.user(" "),
                        ChatMessage.user("real"),
                        ChatMessage.assistant("fine"),
                        ChatMessage.assistant("double reply"));
        assertEquals(
                List.of(ChatMessage.user("real"), ChatMessage.assistant("fine")),
                HistoryWindow.select(history, 10_000));
    }

    static ChatMessage toolUse(String id) {
        return new ChatMessage(
                Role.ASSISTANT,
                List.of(
                        new ContentBlock.ToolUse(
                                id,
                                "calculator",
                                JsonNodeFactory.instance.objectNode().put("expression", "1+1"))));
    }

    static ChatMessage toolResult(String id) {
        return new ChatMessage(
                Role.USER,
                List.of(
                        new ContentBlock.ToolResult(
                                id,
                                ContentBlock.ToolResult.Status.SUCCESS,
                                JsonNodeFactory.instance
                                        .arrayNode()
                                        .add(
                                                JsonNodeFactory.instance
                                                        .objectNode()
                                                        .put("text", "2")))));
    }

    @Test
    void toolExchangesStayWholeAndTheWindowNeverStartsAtAToolResult() {
        List<ChatMessage> history =
                new ArrayList<>(
                        List.of(
                                ChatMessage.user("add please"),
                                toolUse("t1"),
                                toolResult("t1"),
                                ChatMessage.assistant("It is 2."),
                                ChatMessage.user("again"),
                                toolUse("t2"),
                                toolResult("t2"),
                                ChatMessage.assistant("Still 2.")));
        assertEquals(history, HistoryWindow.select(history, 10_000));
        List<ChatMessage> window = HistoryWindow.select(history, 220);
        assertEquals(
                List.of(
                        ChatMessage.user("again"),
                        toolUse("t2"),
                        toolResult("t2"),
                        ChatMessage.assistant("Still 2.")),
                window,
                "only the newest exchange fits, and it is kept whole");
        // A window cut inside an exchange by the storage query is repaired to start at a question.
        assertEquals(history.subList(4, 8), HistoryWindow.select(history.subList(2, 8), 10_000));
    }

    @Test
    void aToolUseWithoutItsResultIsDropped() {
        List<ChatMessage> history =
                List.of(
                        ChatMessage.user("q1"),
                        ChatMessage.assistant("a1"),
                        ChatMessage.user("q2"),
                        toolUse("lost"),
                        ChatMessage.user("q3"),
                        ChatMessage.assistant("a3"));
        assertEquals(
                List.of(
                        ChatMessage.user("q1"),
                        ChatMessage.assistant("a1"),
                        ChatMessage.user("q3"),
                        ChatMessage.assistant("a3")),
                HistoryWindow.select(history, 10_000));
        List<ChatMessage> mismatched =
                List.of(
                        ChatMessage.user("q"),
                        toolUse("x"),
                        toolResult("y"),
                        ChatMessage.assistant("a"));
        assertEquals(
                List.of(ChatMessage.user("q"), ChatMessage.assistant("a")),
                HistoryWindow.select(mismatched, 10_000),
                "a result that answers another id is dropped with its tool use");
    }

    @Test
    void aSingleTurnLargerThanTheBudgetIsLeftOut() {
        assertEquals(List.of(), HistoryWindow.select(turns(1, 5_000), 100));
    }
}
