package dev.parley.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.http.BodyStream;
import dev.parley.modelcall.Usage;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** What the Chat Completions stream hands its body stream, write by write. */
class ChunkWriterTest {

    /** Records every write, as the stream function's sink would send each as one chunk. */
    private static final class Writes implements BodyStream.Sink {
        final List<String> pieces = new CopyOnWriteArrayList<>();

        @Override
        public void write(String piece) {
            pieces.add(piece);
        }

        @Override
        public void fail(String errorCode, String message) {}

        @Override
        public boolean started() {
            return !pieces.isEmpty();
        }
    }

    @Test
    void theRoleChunkLeavesInOneWriteWithTheFirstToken() {
        Writes writes = new Writes();
        ChunkWriter chunks =
                new ChunkWriter(
                        new ObjectMapper(),
                        "chatcmpl-1",
                        1L,
                        "nova-micro",
                        false,
                        Optional.of(writes));
        chunks.text("Hel");
        assertEquals(
                1,
                writes.pieces.size(),
                "the first token costs one trip through the stream: " + writes.pieces);
        String first = writes.pieces.get(0);
        assertTrue(
                first.startsWith("data: ")
                        && first.indexOf("\"role\":\"assistant\"") < first.indexOf("\"Hel\""),
                first);
        chunks.text("lo");
        chunks.finish("stop", Usage.NONE, "default");
        assertEquals(
                String.join("", writes.pieces), chunks.body(), "the pieces are the body, in order");
        assertEquals(
                5,
                chunks.body().split("\n\n").length,
                "role, two deltas, the finish chunk, [DONE]: " + chunks.body());
    }
}
