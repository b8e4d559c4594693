package dev.parley.priming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Emulator;
import dev.parley.tools.ToolRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Priming runs every part it promises (canned Converse through the mapper and the SDK, the SDK's
 * warm-up for the three sync clients, the planned requests through the handler, every tool schema)
 * and never reaches Bedrock: the emulator sees no call.
 */
@QuarkusTest
class PrimerTest {
    @Inject
    Primer primer;
    @Inject
    ToolRegistry tools;

    @Test
    void primesEveryPartWithoutCallingBedrock() {
        Emulator.control().reset();

        Primer.Report report = primer.prime();

        assertEquals("primed", report.converse(), "the canned Converse answer went through ConverseMapper");
        assertEquals(4, report.sdkClients(), "Bedrock Runtime, DynamoDB, S3 and Lambda sync clients warmed by the SDK");
        assertTrue(report.unexpected().isEmpty(), "every priming request answered as planned: " + report.unexpected());
        assertEquals(tools.all().size(), report.schemas());
        assertEquals(2, report.toolRuns(), "calculator and current_time ran through the tool executor");
        assertTrue(report.classes() > 1000, "the generated class list was loaded: " + report.classes());
        assertEquals(0, Emulator.control().calls().size(), "priming never calls Bedrock");
    }
}
