package dev.parley.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.error.ErrorCode;
import dev.parley.error.ParleyException;
import dev.parley.modelcall.ChatMessage;
import dev.parley.modelcall.InferenceSettings;
import dev.parley.store.ConversationStore;
import dev.parley.store.StoredMessage;
import dev.parley.testing.Emulator;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Twenty turns on one conversation at once, as twenty Lambda instances would run them (one
 * instance's poll loop handles one event at a time, so this drives the service below the envelope).
 */
@QuarkusTest
class ChatConcurrencyTest {
    /** A turn's deadline, as the Lambda context would give it. */
    private static final java.util.function.Supplier<java.time.Instant> DEADLINE =
            () -> java.time.Instant.now().plusSeconds(25);

    @Inject ChatService chat;
    @Inject ConversationStore store;

    @AfterEach
    void reset() {
        Emulator.control().reset();
    }

    @Test
    void concurrentTurnsNeverInterleaveAndLosersGet409() throws Exception {
        Emulator.control().reset();
        String owner = "racer";
        String id =
                chat.send(request(Optional.empty(), "Opening message"), owner, DEADLINE.get())
                        .reply()
                        .conversationId();
        // Latency makes the turns overlap inside the model call, between read and write.
        Emulator.control().latency(150, 0);

        int racers = 20;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> outcomes = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            String message = "racer message " + i;
            outcomes.add(
                    pool.submit(
                            () -> {
                                go.await();
                                try {
                                    chat.send(
                                            request(Optional.of(id), message),
                                            owner,
                                            DEADLINE.get());
                                    return "ok";
                                } catch (ParleyException e) {
                                    return e.code() == ErrorCode.CONFLICT
                                            ? "conflict"
                                            : "other:" + e.getMessage();
                                }
                            }));
        }
        go.countDown();
        List<String> results = new ArrayList<>();
        for (Future<String> outcome : outcomes) {
            results.add(outcome.get());
        }
        pool.shutdown();

        long wins = results.stream().filter("ok"::equals).count();
        long conflicts = results.stream().filter("conflict"::equals).count();
        assertTrue(wins >= 1, results.toString());
        assertEquals(racers, wins + conflicts, "every loser got a conflict: " + results);
        assertTrue(conflicts >= 1, "the turns really raced: " + results);

        List<StoredMessage> messages = store.allMessages(id);
        assertEquals(2 * (1 + wins), messages.size());
        Set<String> userTexts = new HashSet<>();
        for (int i = 0; i < messages.size(); i += 2) {
            StoredMessage user = messages.get(i);
            StoredMessage reply = messages.get(i + 1);
            int turn = i / 2 + 1;
            assertEquals(turn, user.turn(), "turn numbers are contiguous");
            assertEquals(turn, reply.turn());
            assertEquals(ChatMessage.Role.USER, user.message().role());
            assertEquals(
                    ChatMessage.Role.ASSISTANT,
                    reply.message().role(),
                    "every user message has its reply");
            assertTrue(userTexts.add(user.message().text()), "no duplicates");
        }
        assertEquals(1 + wins, store.find(id, owner).orElseThrow().turns());
    }

    private static ChatRequest request(Optional<String> conversationId, String message) {
        return new ChatRequest(
                conversationId,
                message,
                Optional.empty(),
                Optional.empty(),
                InferenceSettings.DEFAULTS);
    }
}
