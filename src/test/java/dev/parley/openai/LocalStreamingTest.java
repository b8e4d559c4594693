package dev.parley.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.parley.testing.Emulator;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A streamed completion reaches the client as it is produced (the stream function's runtime loop
 * sends each chunk through the Runtime API's streaming mode, the local gateway relays it as
 * deployed), not in one piece at the end as behind API Gateway's HTTP API.
 * Not a speed measurement: with the emulator pacing words 150 ms apart, the first words must
 * arrive long before the last (a whole body arrives within a few milliseconds).
 */
@QuarkusTest
class LocalStreamingTest {
    private static final long PER_WORD_MS = 150;

    @AfterEach
    void reset() {
        Emulator.control().reset();
    }

    @Test
    void chunksArriveAsTheModelProducesThem() {
        Emulator.control().reset();
        Emulator.control().latency(0, PER_WORD_MS);
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("nova-micro")
                .addUserMessage("one two three four five six seven eight").build();
        List<Long> arrivals = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = OpenAiClients.client().chat().completions()
                .createStreaming(params)) {
            stream.stream().forEach(chunk -> {
                chunk.choices().forEach(choice -> choice.delta().content().filter(c -> !c.isEmpty()).ifPresent(c -> {
                    arrivals.add(System.nanoTime());
                    text.append(c);
                }));
            });
        }
        assertEquals("You said: \"one two three four five six seven eight\"", text.toString());
        assertTrue(arrivals.size() >= 8, "one chunk per word: " + arrivals.size());
        long spreadMs = (arrivals.get(arrivals.size() - 1) - arrivals.get(0)) / 1_000_000;
        long expectedMs = (arrivals.size() - 1) * PER_WORD_MS;
        // Whole bodies arrive within a few ms; a loaded machine may bunch some chunks, hence a quarter.
        assertTrue(spreadMs > expectedMs / 4, "first and last word " + spreadMs + " ms apart; paced over "
                + expectedMs + " ms, so the body was not streamed");
    }

    /** The SDK's streaming API surfaces a model failure mid-stream as an error, after the text so far. */
    @Test
    void aModelFailureMidStreamIsAnErrorForTheSdk() {
        Emulator.control().script("{\"reply\": {\"text\": \"one two three four five six\"}, \"streamErrorAfterDeltas\": 2}");
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("nova-micro")
                .addUserMessage("Tell me about the festival").build();
        StringBuilder text = new StringBuilder();
        RuntimeException failure = assertThrows(RuntimeException.class, () -> {
            try (StreamResponse<ChatCompletionChunk> stream = OpenAiClients.client().chat().completions()
                    .createStreaming(params)) {
                stream.stream().forEach(chunk -> chunk.choices()
                        .forEach(choice -> choice.delta().content().ifPresent(text::append)));
            }
        });
        assertFalse(text.isEmpty(), "the text before the failure arrived");
        assertFalse(text.toString().contains("six"), "the stream stopped at the failure: " + text);
        assertTrue(String.valueOf(failure.getMessage()).toLowerCase().contains("model"), failure.toString());
    }
}
