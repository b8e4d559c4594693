package dev.parley.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.guardrails.GuardrailProfiles;
import dev.parley.testing.Emulator;
import dev.parley.usage.LedgerEntry;
import dev.parley.usage.UsageLedger;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.bedrock.model.GuardrailContextualGroundingFilterType;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The documents route sends the document's text as the contextual grounding check's grounding
 * source and its instruction as the query ({@code guardContent} blocks qualified
 * {@code grounding_source} and {@code query}, in the summary call itself), so a guardrail with a
 * grounding filter (here the account's enforced one, created through the real control-plane
 * client) scores the summary: a grounded one passes, one below the threshold is blocked and the
 * document fails, and the check's units are charged.
 */
@QuarkusTest
@TestProfile(GuardrailProfiles.TracedSync.class)
class DocumentGroundingTest {

    static final String DOCUMENT =
            "Minutes of the meeting. The budget was approved on Monday."
                    + " The next meeting is in two weeks.";

    @Inject S3Client s3;
    @Inject BedrockClient bedrock;
    @Inject UsageLedger ledger;

    private String owner;
    private String configId;
    private String guardrail;

    @BeforeEach
    void enforceAGroundingGuardrail() {
        Emulator.control().reset();
        owner = "user-" + UUID.randomUUID();
        guardrail =
                bedrock.createGuardrail(
                                r ->
                                        r.name(
                                                        "grounded-"
                                                                + UUID.randomUUID()
                                                                        .toString()
                                                                        .substring(0, 8))
                                                .blockedInputMessaging("No.")
                                                .blockedOutputsMessaging("Not grounded.")
                                                .contextualGroundingPolicyConfig(
                                                        c ->
                                                                c.filtersConfig(
                                                                        f ->
                                                                                f.type(
                                                                                                GuardrailContextualGroundingFilterType
                                                                                                        .GROUNDING)
                                                                                        .threshold(
                                                                                                0.8))))
                        .guardrailId();
        bedrock.createGuardrailVersion(r -> r.guardrailIdentifier(guardrail));
        configId =
                bedrock.putEnforcedGuardrailConfiguration(
                                r ->
                                        r.guardrailInferenceConfig(
                                                c ->
                                                        c.guardrailIdentifier(guardrail)
                                                                .guardrailVersion("1")))
                        .configId();
    }

    @AfterEach
    void endEnforcement() {
        bedrock.deleteEnforcedGuardrailConfiguration(r -> r.configId(configId));
    }

    private Uploads.Invocation upload(String name) {
        String key = "uploads/" + owner + "/" + name;
        String eTag = Uploads.put(s3, key, "text/plain", DOCUMENT);
        return Uploads.invoke(Uploads.s3Event(key, eTag, DOCUMENT.length()));
    }

    private LedgerEntry groundingCharge() {
        List<LedgerEntry> entries = ledger.day(owner, LocalDate.now(ZoneOffset.UTC));
        return entries.stream()
                .filter(e -> e.model().equals("guardrail:" + guardrail + "/contextual-grounding"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(entries.toString()));
    }

    @Test
    void aGroundedSummaryPassesAndTheCallCarriesSourceAndQuery() {
        Emulator.control().scriptText(null, "The budget was approved on Monday.");
        Uploads.Invocation result = upload("minutes.txt");
        assertEquals(
                "summarized", result.body().at("/objects/0/outcome").asText(), result.toString());
        JsonNode content =
                Emulator.control().calls().stream()
                        .filter(c -> c.path("operation").asText().equals("converse"))
                        .findFirst()
                        .orElseThrow()
                        .at("/body/messages/0/content");
        assertEquals(
                "[\"query\"]",
                content.at("/0/guardContent/text/qualifiers").toString(),
                content.toString());
        assertTrue(content.at("/0/guardContent/text/text").asText().startsWith("Summarize"));
        assertEquals(
                "[\"grounding_source\"]", content.at("/1/guardContent/text/qualifiers").toString());
        assertTrue(content.at("/1/guardContent/text/text").asText().contains("approved on Monday"));
        assertTrue(groundingCharge().totals().inputTokens() > 0);
    }

    @Test
    void aSummaryBelowTheGroundingThresholdIsBlockedAndTheDocumentFails() {
        Emulator.control().scriptText(null, "The capital of Japan is London.");
        Uploads.Invocation result = upload("minutes.txt");
        assertEquals("failed", result.body().at("/objects/0/outcome").asText(), result.toString());
        assertTrue(
                result.body().at("/objects/0/detail").asText().contains("guardrail intervened"),
                result.toString());
        assertTrue(groundingCharge().totals().inputTokens() > 0, "the check ran and is charged");
    }
}
