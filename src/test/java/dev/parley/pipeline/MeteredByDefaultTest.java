package dev.parley.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.afterresponse.AfterResponse;
import dev.parley.bedrock.ModelCatalog;
import dev.parley.modelcall.ChatMessage;
import dev.parley.modelcall.InferenceSettings;
import dev.parley.modelcall.ModelCall;
import dev.parley.modelcall.ModelReply;
import dev.parley.testing.EmfCapture;
import dev.parley.testing.Emulator;
import dev.parley.usage.LedgerEntry;
import dev.parley.usage.UsageLedger;
import dev.parley.usage.UsageTotals;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A model call on a route no code knows of is charged to its caller and published as metrics: the
 * ledger and the metrics are pipeline stages that run for every route, so a new route or edge is
 * metered without a line of its own.
 */
@QuarkusTest
class MeteredByDefaultTest {
    private static final String ROUTE = "a-route-added-tomorrow";

    @Inject ModelPipeline pipeline;
    @Inject ModelCatalog catalog;
    @Inject UsageLedger ledger;
    @Inject AfterResponse afterResponse;

    @BeforeEach
    void reset() {
        Emulator.control().reset();
    }

    @Test
    void aCallOnANewRouteIsChargedAndPublished() {
        String caller = "metered-" + UUID.randomUUID();
        ModelReply reply;
        try (EmfCapture emf = EmfCapture.start()) {
            reply =
                    pipeline.converse(
                            CallContext.of(caller, ROUTE),
                            new ModelCall(
                                    catalog.resolve("nova-micro"),
                                    Optional.empty(),
                                    List.of(ChatMessage.user("Name a river.")),
                                    InferenceSettings.DEFAULTS));
            afterResponse.drain();
            List<JsonNode> lines =
                    emf.declaring("ModelCalls").stream()
                            .filter(line -> ROUTE.equals(line.path("Route").asText()))
                            .toList();
            assertEquals(1, lines.size(), emf.lines().toString());
            assertEquals(reply.usage().inputTokens(), lines.get(0).path("InputTokens").asLong());
            assertEquals(reply.usage().outputTokens(), lines.get(0).path("OutputTokens").asLong());
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertEquals(
                List.of(
                        new LedgerEntry(
                                today.toString(), "nova-micro", UsageTotals.ofCall(reply.usage()))),
                ledger.day(caller, today));
    }
}
