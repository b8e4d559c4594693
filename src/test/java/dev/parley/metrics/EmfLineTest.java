package dev.parley.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.testing.EmfCapture;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The writer's documents against the EMF specification's rules, without the application. */
class EmfLineTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aLineCarriesTheDirectiveAndItsMembers() throws Exception {
        JsonNode line =
                JSON.readTree(
                        JSON.writeValueAsString(
                                new EmfLine(List.of(List.of("Route"), List.of()))
                                        .dimension("Route", "chat")
                                        .count("ModelCalls", 1)
                                        .millis("Overhead", 2.5)
                                        .toJson(JSON, "Parley", 1_700_000_000_000L)));
        EmfCapture.check(line);
        assertEquals(1_700_000_000_000L, line.at("/_aws/Timestamp").asLong());
        assertEquals(
                "[[\"Route\"],[]]", line.at("/_aws/CloudWatchMetrics/0/Dimensions").toString());
        assertEquals("Milliseconds", line.at("/_aws/CloudWatchMetrics/0/Metrics/1/Unit").asText());
        assertEquals(1, line.path("ModelCalls").asLong());
        assertEquals(2.5, line.path("Overhead").asDouble());
        assertEquals("chat", line.path("Route").asText());
    }

    @Test
    void aBlankDimensionValueBecomesUnknown() {
        JsonNode line =
                new EmfLine(List.of(List.of("Model")))
                        .dimension("Model", " ")
                        .count("X", 1)
                        .toJson(JSON, "Parley", 1);
        EmfCapture.check(line);
        assertEquals("unknown", line.path("Model").asText());
    }

    @Test
    void theSpecificationsLimitsAreEnforced() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new EmfLine(List.of(Collections.nCopies(31, "D"))));
        EmfLine full = new EmfLine(List.of(List.of()));
        for (int i = 0; i < 100; i++) {
            full.count("M" + i, i);
        }
        assertThrows(IllegalStateException.class, () -> full.count("M100", 1));
        assertThrows(
                IllegalStateException.class,
                () ->
                        new EmfLine(List.of(List.of("Route")))
                                .count("X", 1)
                                .toJson(JSON, "Parley", 1),
                "a dimension without a value");
    }
}
