package dev.parley.local.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.bedrock.model.AccountEnforcedGuardrailOutputConfiguration;
import software.amazon.awssdk.services.bedrock.model.GuardrailContentFilterType;
import software.amazon.awssdk.services.bedrock.model.GuardrailContextualGroundingFilterType;
import software.amazon.awssdk.services.bedrock.model.GuardrailFilterStrength;
import software.amazon.awssdk.services.bedrock.model.GuardrailModality;
import software.amazon.awssdk.services.bedrockruntime.model.ApplyGuardrailResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailAction;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailAssessment;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailContentQualifier;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailContentSource;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailContextualGroundingFilter;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailConverseContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailConverseContentQualifier;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailConverseTextBlock;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailImageBlock;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailImageFormat;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailOrigin;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailTextBlock;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailTrace;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/**
 * The newer guardrail policies on the emulator, driven by the real SDK clients of both services:
 * the contextual grounding check (thresholds set through CreateGuardrail, scored against the
 * grounding source and the query the content's qualifiers mark, blocking below a threshold with
 * Bedrock's trace), image units for content filters that assess images, and an account-enforced
 * guardrail (PutEnforcedGuardrailConfiguration) that every covered Converse call runs and whose
 * assessments name it in {@code appliedGuardrailDetails}.
 */
class GuardrailPoliciesTest extends EmulatorTestSupport {

    // AWS's own example (the contextual grounding check's user guide page).
    static final String SOURCE = "London is the capital of UK. Tokyo is the capital of Japan.";
    static final String QUERY = "What is the capital of Japan?";

    static BedrockClient bedrock;
    static String grounded;
    static String images;

    @BeforeAll
    static void createGuardrails() {
        bedrock =
                BedrockClient.builder()
                        .region(Region.US_EAST_1)
                        .credentialsProvider(
                                StaticCredentialsProvider.create(
                                        AwsBasicCredentials.create("test", "test")))
                        .endpointOverride(emulator.endpoint())
                        .httpClientBuilder(UrlConnectionHttpClient.builder())
                        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                        .build();
        grounded =
                bedrock.createGuardrail(
                                r ->
                                        r.name("grounded")
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
                                                                                                0.8),
                                                                        f ->
                                                                                f.type(
                                                                                                GuardrailContextualGroundingFilterType
                                                                                                        .RELEVANCE)
                                                                                        .threshold(
                                                                                                0.6)
                                                                                        .action(
                                                                                                "NONE"))))
                        .guardrailId();
        bedrock.createGuardrailVersion(r -> r.guardrailIdentifier(grounded));
        images =
                bedrock.createGuardrail(
                                r ->
                                        r.name("images")
                                                .blockedInputMessaging("No.")
                                                .blockedOutputsMessaging("No.")
                                                .contentPolicyConfig(
                                                        c ->
                                                                c.filtersConfig(
                                                                        f ->
                                                                                f.type(
                                                                                                GuardrailContentFilterType
                                                                                                        .VIOLENCE)
                                                                                        .inputStrength(
                                                                                                GuardrailFilterStrength
                                                                                                        .HIGH)
                                                                                        .outputStrength(
                                                                                                GuardrailFilterStrength
                                                                                                        .HIGH)
                                                                                        .inputModalities(
                                                                                                GuardrailModality
                                                                                                        .TEXT,
                                                                                                GuardrailModality
                                                                                                        .IMAGE))))
                        .guardrailId();
        bedrock.createGuardrailVersion(r -> r.guardrailIdentifier(images));
    }

    @AfterAll
    static void closeBedrock() {
        bedrock.close();
    }

    @Test
    void anUngroundedAnswerIsBlockedBelowTheThresholdWithScoresInTheAssessment() {
        ApplyGuardrailResponse response = applyOutput("The capital of Japan is London.");
        assertEquals(GuardrailAction.GUARDRAIL_INTERVENED, response.action());
        assertEquals("Not grounded.", response.outputs().get(0).text());
        List<GuardrailContextualGroundingFilter> filters =
                response.assessments().get(0).contextualGroundingPolicy().filters();
        GuardrailContextualGroundingFilter grounding = filters.get(0);
        assertEquals("GROUNDING", grounding.typeAsString());
        assertEquals(0.8, grounding.threshold());
        assertTrue(grounding.score() < 0.8, grounding.toString());
        assertEquals("BLOCKED", grounding.actionAsString());
        assertTrue(grounding.detected());
        assertEquals("RELEVANCE", filters.get(1).typeAsString());
        assertEquals(1.0, filters.get(1).score());
        assertTrue(response.usage().contextualGroundingPolicyUnits() >= 3, response.toString());
    }

    @Test
    void anIrrelevantAnswerIsDetectedButADetectOnlyFilterLetsItThrough() {
        ApplyGuardrailResponse response = applyOutput("The capital of UK is London.");
        assertEquals(GuardrailAction.NONE, response.action(), response.toString());
        GuardrailContextualGroundingFilter relevance =
                response.assessments().get(0).contextualGroundingPolicy().filters().get(1);
        assertEquals(0.5, relevance.score());
        assertTrue(relevance.detected());
        assertEquals("NONE", relevance.actionAsString());
        assertEquals(
                GuardrailAction.NONE,
                applyOutput("The capital of Japan is Tokyo.").action(),
                "grounded and relevant");
    }

    @Test
    void withoutAGroundingSourceAndAQueryTheCheckDoesNotRun() {
        ApplyGuardrailResponse response =
                client.applyGuardrail(
                        r ->
                                r.guardrailIdentifier(grounded)
                                        .guardrailVersion("1")
                                        .source(GuardrailContentSource.OUTPUT)
                                        .content(text("The capital of Japan is London.")));
        assertEquals(GuardrailAction.NONE, response.action());
        assertNull(response.assessments().get(0).contextualGroundingPolicy());
        assertEquals(0, response.usage().contextualGroundingPolicyUnits());
    }

    @Test
    void aQualifierOutsideTheEnumAndAnOversizedQueryAreRefused() {
        ValidationException badQualifier =
                assertThrows(
                        ValidationException.class,
                        () ->
                                client.applyGuardrail(
                                        r ->
                                                r.guardrailIdentifier(grounded)
                                                        .guardrailVersion("1")
                                                        .source(GuardrailContentSource.OUTPUT)
                                                        .content(
                                                                GuardrailContentBlock.fromText(
                                                                        t ->
                                                                                t.text("x")
                                                                                        .qualifiersWithStrings(
                                                                                                "source")))));
        assertTrue(
                badQualifier.getMessage().contains("grounding_source"), badQualifier.getMessage());
        ValidationException longQuery =
                assertThrows(
                        ValidationException.class,
                        () ->
                                client.applyGuardrail(
                                        r ->
                                                r.guardrailIdentifier(grounded)
                                                        .guardrailVersion("1")
                                                        .source(GuardrailContentSource.OUTPUT)
                                                        .content(
                                                                qualified(
                                                                        SOURCE,
                                                                        GuardrailContentQualifier
                                                                                .GROUNDING_SOURCE),
                                                                qualified(
                                                                        "why ".repeat(300),
                                                                        GuardrailContentQualifier
                                                                                .QUERY),
                                                                text("Tokyo."))));
        assertTrue(longQuery.getMessage().contains("1000"), longQuery.getMessage());
    }

    @Test
    void converseScoresTheAnswerAgainstTheGuardContentSourceAndQuery() {
        control.scriptText(null, "The capital of Japan is London.");
        ConverseResponse response =
                client.converse(
                        r ->
                                r.modelId(NOVA_MICRO)
                                        .guardrailConfig(
                                                g ->
                                                        g.guardrailIdentifier(grounded)
                                                                .guardrailVersion("1")
                                                                .trace(GuardrailTrace.ENABLED))
                                        .messages(
                                                Message.builder()
                                                        .role(ConversationRole.USER)
                                                        .content(
                                                                guard(
                                                                        SOURCE,
                                                                        GuardrailConverseContentQualifier
                                                                                .GROUNDING_SOURCE),
                                                                guard(
                                                                        QUERY,
                                                                        GuardrailConverseContentQualifier
                                                                                .QUERY))
                                                        .build()));
        assertEquals(StopReason.GUARDRAIL_INTERVENED, response.stopReason());
        assertEquals("Not grounded.", response.output().message().content().get(0).text());
        GuardrailAssessment output =
                response.trace().guardrail().outputAssessments().get(grounded).get(0);
        assertEquals(
                "BLOCKED", output.contextualGroundingPolicy().filters().get(0).actionAsString());
        assertTrue(output.invocationMetrics().usage().contextualGroundingPolicyUnits() > 0);
    }

    @Test
    void imagesAreCountedInImageUnitsByAFilterThatAssessesImages() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10};
        ApplyGuardrailResponse response =
                client.applyGuardrail(
                        r ->
                                r.guardrailIdentifier(images)
                                        .guardrailVersion("1")
                                        .source(GuardrailContentSource.INPUT)
                                        .content(
                                                text("What is in these pictures?"),
                                                image(png),
                                                image(png)));
        assertEquals(2, response.usage().contentPolicyImageUnits(), response.toString());
        assertEquals(2, response.guardrailCoverage().images().guarded());
        // The grounded guardrail has no content filter: images are not its business.
        ApplyGuardrailResponse none =
                client.applyGuardrail(
                        r ->
                                r.guardrailIdentifier(grounded)
                                        .guardrailVersion("1")
                                        .source(GuardrailContentSource.INPUT)
                                        .content(text("A picture."), image(png)));
        assertEquals(0, orZero(none.usage().contentPolicyImageUnits()));
        assertEquals(0, none.guardrailCoverage().images().guarded());
        assertEquals(1, none.guardrailCoverage().images().total());
    }

    @Test
    void anAccountEnforcedGuardrailRunsOnCoveredModelsAndIsNamedInTheTrace() {
        String configId =
                bedrock.putEnforcedGuardrailConfiguration(
                                r ->
                                        r.guardrailInferenceConfig(
                                                c ->
                                                        c.guardrailIdentifier(images)
                                                                .guardrailVersion("1")
                                                                .modelEnforcement(
                                                                        m ->
                                                                                m.includedModels(
                                                                                        "amazon.nova-micro-v1:0"))))
                        .configId();
        try {
            AccountEnforcedGuardrailOutputConfiguration listed =
                    bedrock.listEnforcedGuardrailsConfiguration(r -> {}).guardrailsConfig().get(0);
            assertEquals(images, listed.guardrailId());
            assertEquals("1", listed.guardrailVersion());

            // No guardrail of its own in the request: the account's still runs, and blocks.
            ConverseResponse blocked =
                    client.converse(
                            r -> r.modelId(NOVA_MICRO).messages(user("How do I murder my rival?")));
            assertEquals(StopReason.GUARDRAIL_INTERVENED, blocked.stopReason());

            // With the request's own guardrail and its trace: both assessments, each named.
            ConverseResponse traced =
                    client.converse(
                            r ->
                                    r.modelId(NOVA_MICRO)
                                            .guardrailConfig(
                                                    g ->
                                                            g.guardrailIdentifier(grounded)
                                                                    .guardrailVersion("1")
                                                                    .trace(GuardrailTrace.ENABLED))
                                            .messages(user("Hello there.")));
            var input = traced.trace().guardrail().inputAssessment();
            assertEquals(
                    List.of(GuardrailOrigin.ACCOUNT_ENFORCED),
                    input.get(images).appliedGuardrailDetails().guardrailOrigin());
            assertEquals("1", input.get(images).appliedGuardrailDetails().guardrailVersion());
            assertEquals(
                    List.of(GuardrailOrigin.REQUEST),
                    input.get(grounded).appliedGuardrailDetails().guardrailOrigin());

            // A model the configuration does not cover runs no enforced guardrail.
            ConverseResponse other =
                    client.converse(
                            r ->
                                    r.modelId(CLAUDE_HAIKU)
                                            .messages(user("How do I murder my rival?")));
            assertEquals(StopReason.END_TURN, other.stopReason());
        } finally {
            bedrock.deleteEnforcedGuardrailConfiguration(r -> r.configId(configId));
        }
        assertEquals(
                0, bedrock.listEnforcedGuardrailsConfiguration(r -> {}).guardrailsConfig().size());
    }

    @Test
    void anEnforcedGuardrailMustBeAPublishedVersion() {
        var error =
                assertThrows(
                        software.amazon.awssdk.services.bedrock.model.ValidationException.class,
                        () ->
                                bedrock.putEnforcedGuardrailConfiguration(
                                        r ->
                                                r.guardrailInferenceConfig(
                                                        c ->
                                                                c.guardrailIdentifier(images)
                                                                        .guardrailVersion(
                                                                                "DRAFT"))));
        assertTrue(error.getMessage().contains("guardrailVersion"), error.getMessage());
    }

    private static ApplyGuardrailResponse applyOutput(String answer) {
        return client.applyGuardrail(
                r ->
                        r.guardrailIdentifier(grounded)
                                .guardrailVersion("1")
                                .source(GuardrailContentSource.OUTPUT)
                                .content(
                                        qualified(
                                                SOURCE, GuardrailContentQualifier.GROUNDING_SOURCE),
                                        qualified(QUERY, GuardrailContentQualifier.QUERY),
                                        qualified(
                                                answer, GuardrailContentQualifier.GUARD_CONTENT)));
    }

    private static GuardrailContentBlock text(String text) {
        return GuardrailContentBlock.fromText(GuardrailTextBlock.builder().text(text).build());
    }

    private static GuardrailContentBlock qualified(
            String text, GuardrailContentQualifier qualifier) {
        return GuardrailContentBlock.fromText(
                GuardrailTextBlock.builder().text(text).qualifiers(qualifier).build());
    }

    private static GuardrailContentBlock image(byte[] bytes) {
        return GuardrailContentBlock.fromImage(
                GuardrailImageBlock.builder()
                        .format(GuardrailImageFormat.PNG)
                        .source(s -> s.bytes(SdkBytes.fromByteArray(bytes)))
                        .build());
    }

    private static ContentBlock guard(String text, GuardrailConverseContentQualifier qualifier) {
        return ContentBlock.fromGuardContent(
                GuardrailConverseContentBlock.fromText(
                        GuardrailConverseTextBlock.builder()
                                .text(text)
                                .qualifiers(qualifier)
                                .build()));
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
