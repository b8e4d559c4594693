package dev.parley.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.modelcall.ModelFeatures;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A configured entry's declared capabilities ({@code parley.models.catalog.<alias>.capabilities}):
 * each one listed turns on exactly that feature, nothing listed keeps the conservative defaults,
 * and a capability Parley does not know stops the start-up naming it and the ones it may list.
 */
class DeclaredModelTest {

    private static ModelsSettings.Model entry(
            String id, Optional<List<String>> capabilities, Optional<Integer> maxOutput) {
        return new ModelsSettings.Model() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public Optional<Integer> maxOutputTokens() {
                return maxOutput;
            }

            @Override
            public Optional<Integer> contextTokens() {
                return Optional.empty();
            }

            @Override
            public Optional<String> like() {
                return Optional.empty();
            }

            @Override
            public Optional<List<String>> capabilities() {
                return capabilities;
            }

            @Override
            public Optional<String> provider() {
                return Optional.empty();
            }
        };
    }

    @Test
    void eachDeclaredCapabilityTurnsOnThatFeatureOnly() {
        ModelFeatures features =
                DeclaredModel.features(
                        "new-model",
                        entry(
                                "mistral.new-model-v1:0",
                                Optional.of(List.of("system", " Streaming", "tools", "vision")),
                                Optional.of(8192)));
        assertTrue(features.system());
        assertTrue(features.converseStream(), "declared case-insensitively, trimmed");
        assertTrue(features.tools());
        assertTrue(features.vision());
        assertFalse(features.documents());
        assertFalse(features.guardrails());
        assertFalse(features.streamingTools(), "streaming tools only when declared");
        assertFalse(features.promptCache());
        assertEquals(ModelFeatures.Reasoning.NONE, features.reasoning());
        assertEquals(List.of("auto"), features.toolChoice());
        assertEquals(8192, features.maxOutputTokens());
        assertEquals(DeclaredModel.DEFAULT_CONTEXT_TOKENS, features.contextTokens());
        assertEquals("mistral", features.provider());
    }

    @Test
    void streamingToolsNeedToolsAndStreamingDeclaredToo() {
        assertFalse(
                DeclaredModel.features(
                                "a",
                                entry(
                                        "mistral.a-v1:0",
                                        Optional.of(List.of("streaming-tools", "streaming")),
                                        Optional.empty()))
                        .streamingTools());
        assertTrue(
                DeclaredModel.features(
                                "a",
                                entry(
                                        "mistral.a-v1:0",
                                        Optional.of(
                                                List.of("streaming-tools", "streaming", "tools")),
                                        Optional.empty()))
                        .streamingTools());
    }

    @Test
    void nothingDeclaredIsTextOnlyStreamedOrNot() {
        ModelFeatures features =
                DeclaredModel.features(
                        "a",
                        entry(
                                "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/x",
                                Optional.empty(),
                                Optional.empty()));
        assertTrue(features.converse());
        assertTrue(features.converseStream());
        assertFalse(
                features.system() || features.tools() || features.vision() || features.documents());
        assertEquals(List.of(), features.toolChoice());
        assertEquals(DeclaredModel.DEFAULT_MAX_OUTPUT_TOKENS, features.maxOutputTokens());
        assertEquals("bedrock", features.provider());
    }

    @Test
    void anUnknownCapabilityStopsTheStartUpNamingIt() {
        IllegalStateException refused =
                assertThrows(
                        IllegalStateException.class,
                        () ->
                                DeclaredModel.features(
                                        "a",
                                        entry(
                                                "mistral.a-v1:0",
                                                Optional.of(List.of("tools", "telepathy")),
                                                Optional.empty())));
        assertTrue(refused.getMessage().contains("parley.models.catalog.a.capabilities"));
        assertTrue(refused.getMessage().contains("'telepathy'"), refused.getMessage());
        assertTrue(refused.getMessage().contains("streaming-tools"), refused.getMessage());
    }
}
