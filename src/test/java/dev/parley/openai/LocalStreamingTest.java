package dev.parley.openai;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.parley.testing.Emulator;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A streamed completion reaches the client as it is produced (the stream function's runtime loop
 * sends each chunk through the Runtime API's streaming mode, the local gateway relays it as
 * deployed), not in one piece at the end as behind API Gateway's HTTP API.
 * Not a speed measurement: the emulator holds every delta until the test releases it, and the
 * client must hold chunk k before delta k+1 is released. A body sent whole at the end never gets
 * there, whatever the load on the machine.
 */
@QuarkusTest
class LocalStreamingTest {

    @AfterEach
    void reset() {
        Emulator.control().reset();
    }

    @Test
    void chunksArriveAsTheModelProducesThem() throws Exception {
        Emulator.control().reset();
        Emulator.control().holdDeltas();
        ChatCompletionCreateParams params =
                ChatCompletionCreateParams.builder()
                        .model("nova-micro")
                        .addUserMessage("one two three four five six seven eight")
                        .build();
        List<String> chunks = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> read =
                CompletableFuture.runAsync(
                        () -> {
                            try (StreamResponse<ChatCompletionChunk> stream =
                                    OpenAiClients.client()
                                            .chat()
                                            .completions()
                                            .createStreaming(params)) {
                                stream.stream()
                                        .forEach(
                                                chunk ->
                                                        chunk.choices()
                                                                .forEach(
                                                                        choice ->
                                                                                choice.delta()
                                                                                        .content()
                                                                                        .filter(
                                                                                                c ->
                                                                                                        !c
                                                                                                                .isEmpty())
                                                                                        .ifPresent(
                                                                                                chunks
                                                                                                        ::add)));
                            }
                        });
        int released = 0;
        while (!read.isDone()) {
            int before = chunks.size();
            Emulator.control().releaseDeltas(1);
            released++;
            // Delta k is out; delta k+1 is still held: chunk k reaches the client now, or never.
            await("chunk " + released + " before delta " + (released + 1) + " is released")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> chunks.size() > before || read.isDone());
            assertTrue(released < 100, "the stream never ended");
        }
        read.get();
        assertEquals(
                "You said: \"one two three four five six seven eight\"", String.join("", chunks));
        assertTrue(chunks.size() >= 8, "one chunk per word: " + chunks);
        assertTrue(
                released >= chunks.size(),
                "each chunk arrived after its own release: "
                        + released
                        + " releases, "
                        + chunks.size()
                        + " chunks");
    }

    /** The SDK's streaming API surfaces a model failure mid-stream as an error, after the text so far. */
    @Test
    void aModelFailureMidStreamIsAnErrorForTheSdk() {
        Emulator.control()
                .script(
                        "{\"reply\": {\"text\": \"one two three four five six\"}, \"streamErrorAfterDeltas\": 2}");
        ChatCompletionCreateParams params =
                ChatCompletionCreateParams.builder()
                        .model("nova-micro")
                        .addUserMessage("Tell me about the festival")
                        .build();
        StringBuilder text = new StringBuilder();
        RuntimeException failure =
                assertThrows(
                        RuntimeException.class,
                        () -> {
                            try (StreamResponse<ChatCompletionChunk> stream =
                                    OpenAiClients.client()
                                            .chat()
                                            .completions()
                                            .createStreaming(params)) {
                                stream.stream()
                                        .forEach(
                                                chunk ->
                                                        chunk.choices()
                                                                .forEach(
                                                                        choice ->
                                                                                choice.delta()
                                                                                        .content()
                                                                                        .ifPresent(
                                                                                                text
                                                                                                        ::append)));
                            }
                        });
        assertFalse(text.isEmpty(), "the text before the failure arrived");
        assertFalse(text.toString().contains("six"), "the stream stopped at the failure: " + text);
        assertTrue(
                String.valueOf(failure.getMessage()).toLowerCase().contains("model"),
                failure.toString());
    }
}
