package dev.parley.local.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceTier;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/**
 * The emulator refuses the per-call controls Bedrock refuses, through the real SDK. The limits of
 * {@code requestMetadata} are those of Bedrock's API reference (Converse's {@code requestMetadata}
 * and the invocation-log {@code RequestMetadataFilters}, which repeat them): at most 16 pairs, keys
 * of 1 to 256 and values of 0 to 256 characters from {@code [a-zA-Z0-9\s._:/=+$@-]}. Tiers: the
 * enum of botocore's ServiceTierType; Priority and Flex only for the models of the "Service tiers"
 * page.
 */
class CallControlRulesTest extends EmulatorTestSupport {
    private static final String NOVA_PRO = "us.amazon.nova-pro-v1:0";

    private static ConverseRequest.Builder converse(String model) {
        return ConverseRequest.builder().modelId(model).messages(user("Hello"));
    }

    static Stream<Arguments> refusedMetadata() {
        Map<String, String> seventeen = new LinkedHashMap<>();
        IntStream.range(0, 17).forEach(i -> seventeen.put("k" + i, "v"));
        return Stream.of(
                Arguments.of("17 pairs", seventeen, "less than or equal to 16"),
                Arguments.of("an empty key", Map.of("", "v"), "Map keys"),
                Arguments.of("a 257-character key", Map.of("k".repeat(257), "v"), "Map keys"),
                Arguments.of("a key outside the set", Map.of("team<1>", "v"), "Map keys"),
                Arguments.of("a 257-character value", Map.of("k", "v".repeat(257)), "Map value"),
                Arguments.of("a value outside the set", Map.of("k", "naïve"), "Map value"),
                Arguments.of("a value with a quote", Map.of("k", "it's"), "Map value"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedMetadata")
    void converseRefusesMetadataBedrockRefuses(
            String what, Map<String, String> metadata, String constraint) {
        ValidationException refused =
                assertThrows(
                        ValidationException.class,
                        () ->
                                client.converse(
                                        converse(NOVA_MICRO).requestMetadata(metadata).build()));
        assertEquals(400, refused.statusCode());
        assertTrue(refused.getMessage().contains("requestMetadata"), refused.getMessage());
        assertTrue(refused.getMessage().contains(constraint), refused.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedMetadata")
    void invokeModelRefusesTheSameInItsHeader(
            String what, Map<String, String> metadata, String constraint) {
        String json =
                metadata.entrySet().stream()
                        .map(e -> quoted(e.getKey()) + ":" + quoted(e.getValue()))
                        .reduce((a, b) -> a + "," + b)
                        .map(pairs -> "{" + pairs + "}")
                        .orElse("{}");
        ValidationException refused =
                assertThrows(
                        ValidationException.class,
                        () -> client.invokeModel(invoke(NOVA_MICRO).requestMetadata(json).build()));
        assertTrue(refused.getMessage().contains(constraint), refused.getMessage());
    }

    @Test
    void theLimitsThemselvesAreAccepted() {
        Map<String, String> sixteen = new LinkedHashMap<>();
        IntStream.range(0, 15)
                .forEach(i -> sixteen.put("parley.k" + i, "a b_c.d:e/f=g+h$i@j-" + i));
        sixteen.put("k".repeat(256), "v".repeat(256));
        ConverseResponse answer =
                client.converse(converse(NOVA_MICRO).requestMetadata(sixteen).build());
        assertEquals("end_turn", answer.stopReasonAsString());
        // A value may be empty (0 to 256 characters); a key may not.
        assertEquals(
                "end_turn",
                client.converse(converse(NOVA_MICRO).requestMetadata(Map.of("k", "")).build())
                        .stopReasonAsString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"turbo", "PRIORITY", "reserved"})
    void converseRefusesATierBedrockDoesNotServe(String tier) {
        ValidationException refused =
                assertThrows(
                        ValidationException.class,
                        () ->
                                client.converse(
                                        converse(NOVA_PRO)
                                                .serviceTier(
                                                        ServiceTier.builder().type(tier).build())
                                                .build()));
        assertEquals(400, refused.statusCode());
        assertTrue(
                refused.getMessage()
                        .contains(tier.equals("reserved") ? "reservation" : "enum value set"),
                refused.getMessage());
    }

    @Test
    void priorityAndFlexOnlyForTheModelsThatOfferThem() {
        ValidationException refused =
                assertThrows(
                        ValidationException.class,
                        () ->
                                client.converse(
                                        converse(NOVA_MICRO)
                                                .serviceTier(
                                                        ServiceTier.builder()
                                                                .type("priority")
                                                                .build())
                                                .build()));
        assertTrue(
                refused.getMessage().contains("not supported for this model"),
                refused.getMessage());
        assertThrows(
                ValidationException.class,
                () -> client.invokeModel(invoke(NOVA_MICRO).serviceTier("flex").build()));

        ConverseResponse served =
                client.converse(
                        converse(NOVA_PRO)
                                .serviceTier(ServiceTier.builder().type("flex").build())
                                .build());
        assertEquals("flex", served.serviceTier().typeAsString());
        assertEquals(
                "priority",
                client.invokeModel(invoke(NOVA_PRO).serviceTier("priority").build())
                        .serviceTierAsString());
    }

    private static InvokeModelRequest.Builder invoke(String model) {
        return InvokeModelRequest.builder()
                .modelId(model)
                .contentType("application/json")
                .body(
                        SdkBytes.fromUtf8String(
                                "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hi\"}]}]}"));
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
