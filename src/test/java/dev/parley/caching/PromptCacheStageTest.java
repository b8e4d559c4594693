package dev.parley.caching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.bedrock.ConverseMapper;
import dev.parley.bedrock.FeatureMatrix;
import dev.parley.modelcall.CachePoints;
import dev.parley.modelcall.ChatMessage;
import dev.parley.modelcall.ContentBlock;
import dev.parley.modelcall.InferenceSettings;
import dev.parley.modelcall.ModelCall;
import dev.parley.modelcall.ModelSpec;
import dev.parley.modelcall.ToolOptions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrockruntime.model.CacheTTL;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;

/**
 * Where the prompt-cache stage puts cache points, per the matrix's prompt-cache cells (real rows),
 * and how ConverseMapper writes them: Nova's 20K limit and user-text-only message points, tool
 * points for Claude only, and the one-hour TTL only where the row allows it.
 */
class PromptCacheStageTest {

    private static final FeatureMatrix MATRIX = FeatureMatrix.load();

    private static ModelSpec model(String alias, String id) {
        var row = MATRIX.find(id).orElseThrow();
        return new ModelSpec(
                alias,
                id,
                row.provider(),
                row.maxOutputTokens(),
                row.contextTokens(),
                ModelSpec.Capabilities.of(row));
    }

    static final ModelSpec NOVA = model("nova-micro", "us.amazon.nova-micro-v1:0");
    static final ModelSpec SONNET =
            model("claude-sonnet-4-6", "global.anthropic.claude-sonnet-4-6");

    private static PromptCacheStage stage(String ttl) {
        return new PromptCacheStage(
                new PromptCacheSettings() {
                    @Override
                    public boolean enabled() {
                        return true;
                    }

                    @Override
                    public String ttl() {
                        return ttl;
                    }
                });
    }

    private static String text(int tokens) {
        return "x".repeat(tokens * PromptTokens.CHARS_PER_TOKEN);
    }

    private static ModelCall call(
            ModelSpec model, String system, List<ChatMessage> messages, boolean tools) {
        Optional<ToolOptions> options =
                tools
                        ? Optional.of(
                                new ToolOptions(
                                        List.of(
                                                new ToolOptions.Definition(
                                                        "lookup",
                                                        text(1500),
                                                        new ObjectMapper()
                                                                .createObjectNode()
                                                                .put("type", "object"))),
                                        ToolOptions.Choice.AUTO))
                        : Optional.empty();
        return new ModelCall(
                model, Optional.ofNullable(system), messages, InferenceSettings.DEFAULTS, options);
    }

    private static CachePoints placed(String ttl, ModelCall call) {
        return stage(ttl).prepare(null, call).cachePoints();
    }

    @Test
    void novaPlacesNoPointPastTwentyThousandTokens() {
        assertTrue(
                placed("5m", call(NOVA, text(15_000), List.of(ChatMessage.user("Hi")), false))
                        .afterSystem());
        assertEquals(
                CachePoints.NONE,
                placed("5m", call(NOVA, text(21_000), List.of(ChatMessage.user("Hi")), false)));
        // The system prompt fits, the history behind it does not: only the system point.
        CachePoints points =
                placed(
                        "5m",
                        call(
                                NOVA,
                                text(12_000),
                                List.of(
                                        ChatMessage.user(text(9_000)),
                                        ChatMessage.assistant("Noted."),
                                        ChatMessage.user("More")),
                                false));
        assertTrue(points.afterSystem());
        assertEquals(-1, points.afterMessage());
        // Claude has no such limit.
        assertEquals(
                1,
                placed(
                                "5m",
                                call(
                                        SONNET,
                                        text(12_000),
                                        List.of(
                                                ChatMessage.user(text(9_000)),
                                                ChatMessage.assistant("Noted."),
                                                ChatMessage.user("More")),
                                        false))
                        .afterMessage());
    }

    @Test
    void novaPutsTheMessagePointAfterUserTextAndNoneInTools() {
        List<ChatMessage> history =
                List.of(
                        ChatMessage.user(text(1200)),
                        ChatMessage.assistant("Noted."),
                        ChatMessage.user("More"));
        assertEquals(
                0,
                placed("5m", call(NOVA, null, history, false)).afterMessage(),
                "Nova refuses a point in an assistant turn: it goes after the user's text");
        assertEquals(1, placed("5m", call(SONNET, null, history, false)).afterMessage());
        ChatMessage results =
                new ChatMessage(
                        ChatMessage.Role.USER,
                        List.of(
                                new ContentBlock.ToolResult(
                                        "t1",
                                        ContentBlock.ToolResult.Status.SUCCESS,
                                        new ObjectMapper().createArrayNode())));
        List<ChatMessage> loop =
                List.of(
                        ChatMessage.user("Look it up"),
                        ChatMessage.assistant("Calling."),
                        results,
                        ChatMessage.assistant("Again."),
                        ChatMessage.user("Go on"));
        assertEquals(
                0,
                placed("5m", call(NOVA, null, loop, true)).afterMessage(),
                "never after a tool result: after the user's text, which caches the tool definitions before it too");
        assertFalse(placed("5m", call(NOVA, null, loop, true)).afterTools());
        assertTrue(placed("5m", call(SONNET, null, loop, true)).afterTools());
    }

    @Test
    void theOneHourTtlGoesOnlyToModelsThatTakeIt() {
        ModelCall sonnet = call(SONNET, text(1500), List.of(ChatMessage.user("Hi")), false);
        ConverseRequest hour = ConverseMapper.toRequest(stage("1h").prepare(null, sonnet));
        assertEquals(CacheTTL.VALUE_1_H, hour.system().get(1).cachePoint().ttl());
        ConverseRequest fiveMinutes = ConverseMapper.toRequest(stage("5m").prepare(null, sonnet));
        assertEquals(
                null, fiveMinutes.system().get(1).cachePoint().ttl(), "the default sends no ttl");
        ConverseRequest nova =
                ConverseMapper.toRequest(
                        stage("1h")
                                .prepare(
                                        null,
                                        call(
                                                NOVA,
                                                text(1500),
                                                List.of(ChatMessage.user("Hi")),
                                                false)));
        assertTrue(nova.system().get(1).cachePoint() != null);
        assertEquals(
                null,
                nova.system().get(1).cachePoint().ttl(),
                "Nova refuses any ttl: it keeps five minutes");
        assertThrows(IllegalStateException.class, () -> stage("10m"));
    }
}
