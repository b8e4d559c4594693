package dev.parley.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.testing.Emulator;
import dev.parley.testing.Lambda;
import dev.parley.testing.Lambda.ProxyResult;
import dev.parley.testing.StandInsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The README's five-minute tour, run: each {@code curl} of the tour is sent to the function as the
 * local gateway would send it, and its answer must have exactly the fields the README shows, with
 * the same values wherever the emulator is deterministic. A tour edited without running it, or code
 * that changes an answer, fails here.
 */
@QuarkusTest
@QuarkusTestResource(StandInsResource.class)
class TourTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Fields whose values differ from run to run; their presence is still compared. */
    private static final Set<String> VOLATILE =
            Set.of("conversationId", "latencyMs", "id", "created", "requestId");

    @Test
    void everyTourCommandAnswersWhatTheReadmeShows() throws Exception {
        List<TourStep> steps = TourStep.parse(Files.readString(Path.of("README.md")));
        assertTrue(steps.size() >= 4, "the tour has " + steps.size() + " commands: " + steps);
        Emulator.control().reset();
        String conversationId = null;
        for (TourStep step : steps) {
            String body =
                    step.body() == null || conversationId == null
                            ? step.body()
                            : step.body().replace("$ID", conversationId);
            ObjectNode event = Lambda.http(step.method(), step.path(), body);
            ObjectNode headers = (ObjectNode) event.path("headers");
            step.headers()
                    .forEach(
                            (name, value) -> {
                                if (name.equals("x-local-user")) {
                                    Lambda.as(
                                            value,
                                            event); // what the local gateway makes of X-Local-User
                                } else {
                                    headers.put(name, value);
                                }
                            });
            ProxyResult result = Lambda.invoke(event);
            assertTrue(result.status() < 300, step + " answered " + result);
            String answer = result.raw().path("body").asText();
            if (step.output().startsWith("{")) {
                JsonNode documented = JSON.readTree(step.output());
                JsonNode actual = JSON.readTree(answer);
                assertSame("", documented, actual, step);
                if (actual.has("conversationId")) {
                    conversationId = actual.path("conversationId").asText();
                }
            } else {
                assertSameEvents(step.output(), answer, step);
            }
        }
    }

    /** Same fields, recursively; same values except {@link #VOLATILE} ones. */
    private static void assertSame(String at, JsonNode documented, JsonNode actual, TourStep step) {
        if (documented.isObject()) {
            assertTrue(actual.isObject(), step + ": " + at + " is " + actual);
            List<String> documentedFields = new ArrayList<>();
            documented.fieldNames().forEachRemaining(documentedFields::add);
            List<String> actualFields = new ArrayList<>();
            actual.fieldNames().forEachRemaining(actualFields::add);
            assertEquals(
                    Set.copyOf(documentedFields),
                    Set.copyOf(actualFields),
                    step
                            + ": the fields of "
                            + (at.isEmpty() ? "the answer" : at)
                            + "; actual answer "
                            + actual);
            Iterator<Map.Entry<String, JsonNode>> fields = documented.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!VOLATILE.contains(field.getKey())) {
                    assertSame(
                            at + "/" + field.getKey(),
                            field.getValue(),
                            actual.path(field.getKey()),
                            step);
                }
            }
        } else if (documented.isArray()) {
            assertEquals(documented.size(), actual.size(), step + ": " + at + " " + actual);
            for (int i = 0; i < documented.size(); i++) {
                assertSame(at + "/" + i, documented.get(i), actual.get(i), step);
            }
        } else {
            assertEquals(documented, actual, step + ": " + at);
        }
    }

    /** Server-sent events: the same events in the same order, each with the same data (see assertSame). */
    private static void assertSameEvents(String documented, String actual, TourStep step)
            throws Exception {
        List<String[]> expected = TourStep.events(documented);
        List<String[]> received = TourStep.events(actual);
        assertFalse(expected.isEmpty(), step + ": no events documented");
        assertEquals(
                expected.stream().map(e -> e[0]).toList(),
                received.stream().map(e -> e[0]).toList(),
                step + ": the events; actual stream\n" + actual);
        for (int i = 0; i < expected.size(); i++) {
            assertSame(
                    "event " + i,
                    JSON.readTree(expected.get(i)[1]),
                    JSON.readTree(received.get(i)[1]),
                    step);
        }
    }
}
