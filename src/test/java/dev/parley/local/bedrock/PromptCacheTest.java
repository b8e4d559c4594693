package dev.parley.local.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.bedrockruntime.model.AccessDeniedException;
import software.amazon.awssdk.services.bedrockruntime.model.CacheDetail;
import software.amazon.awssdk.services.bedrockruntime.model.CachePointBlock;
import software.amazon.awssdk.services.bedrockruntime.model.CachePointType;
import software.amazon.awssdk.services.bedrockruntime.model.CacheTTL;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.TokenUsage;
import software.amazon.awssdk.services.bedrockruntime.model.Tool;
import software.amazon.awssdk.services.bedrockruntime.model.ToolInputSchema;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/** The emulator's prompt caching through the real SDK: minimums, prefix matching, TTL, refusals. */
class PromptCacheTest extends EmulatorTestSupport {

    static final String SONNET = "global.anthropic.claude-sonnet-4-6";
    static final String HAIKU = "global.anthropic.claude-haiku-4-5-20251001-v1:0";
    static final String LLAMA = "us.meta.llama3-1-70b-instruct-v1:0";

    private static final String[] WORDS =
            "you are a careful guide for the city library and its many readers".split(" ");

    /** Exactly {@code tokens} tokens of text as the emulator counts them (short words, one token each). */
    static String text(int tokens) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < tokens; i++) {
            text.append(i == 0 ? "" : " ").append(WORDS[i % WORDS.length]);
        }
        return text.toString();
    }

    static final CachePointBlock POINT =
            CachePointBlock.builder().type(CachePointType.DEFAULT).build();

    private static TokenUsage converse(String model, String system, Message... messages) {
        return client.converse(
                        r ->
                                r.modelId(model)
                                        .messages(messages)
                                        .system(
                                                SystemContentBlock.fromText(system),
                                                SystemContentBlock.fromCachePoint(POINT)))
                .usage();
    }

    @Test
    void aLongEnoughPrefixIsWrittenThenRead() {
        String system = text(1500);
        TokenUsage first = converse(SONNET, system, user("When do you open?"));
        assertEquals(1500, first.cacheWriteInputTokens());
        assertEquals(0, first.cacheReadInputTokens());
        TokenUsage second = converse(SONNET, system, user("And on Sundays?"));
        assertEquals(1500, second.cacheReadInputTokens());
        assertEquals(0, second.cacheWriteInputTokens());
        assertTrue(second.inputTokens() < 20, second.toString());
        assertEquals(second.inputTokens() + second.outputTokens() + 1500, second.totalTokens());
    }

    @Test
    void aPrefixBelowTheModelsMinimumIsNotCached() {
        // 1,500 tokens pass Claude Sonnet 4.6's 1,024 but not Claude Haiku 4.5's 4,096.
        String system = text(1500);
        converse(HAIKU, system, user("Hi"));
        TokenUsage again = converse(HAIKU, system, user("Hi"));
        assertEquals(0, again.cacheReadInputTokens());
        assertEquals(0, again.cacheWriteInputTokens());
        assertTrue(again.inputTokens() >= 1500);
    }

    @Test
    void aChangedPrefixMisses() {
        converse(SONNET, text(1500), user("Hi"));
        TokenUsage changed = converse(SONNET, text(1500) + " Be brief.", user("Hi"));
        assertEquals(0, changed.cacheReadInputTokens());
        assertTrue(changed.cacheWriteInputTokens() > 1500);
    }

    @Test
    void aGrowingConversationReadsTheEarlierPrefix() {
        String system = text(1100);
        Message q1 = user(text(1100));
        Message a1 = assistant("Noted.");
        TokenUsage turn1 =
                client.converse(
                                r ->
                                        r.modelId(SONNET)
                                                .system(
                                                        SystemContentBlock.fromText(system),
                                                        SystemContentBlock.fromCachePoint(POINT))
                                                .messages(withPoint(q1)))
                        .usage();
        assertTrue(turn1.cacheWriteInputTokens() >= 2200, turn1.toString());
        TokenUsage turn2 =
                client.converse(
                                r ->
                                        r.modelId(SONNET)
                                                .system(
                                                        SystemContentBlock.fromText(system),
                                                        SystemContentBlock.fromCachePoint(POINT))
                                                .messages(q1, withPoint(a1), user("And then?")))
                        .usage();
        assertEquals(turn1.cacheWriteInputTokens(), turn2.cacheReadInputTokens(), turn2.toString());
    }

    @Test
    void entriesExpireAfterFiveMinutesUnlessHitsRefreshThem() {
        String system = text(1200);
        converse(SONNET, system, user("a"));
        control.advanceClock(240_000);
        assertEquals(
                1200,
                converse(SONNET, system, user("b")).cacheReadInputTokens(),
                "a hit within five minutes");
        control.advanceClock(240_000);
        assertEquals(
                1200,
                converse(SONNET, system, user("c")).cacheReadInputTokens(),
                "the hit refreshed the TTL");
        control.advanceClock(301_000);
        TokenUsage expired = converse(SONNET, system, user("d"));
        assertEquals(0, expired.cacheReadInputTokens());
        assertEquals(1200, expired.cacheWriteInputTokens());
    }

    @Test
    void streamsReportCacheUsageInTheirMetadata() {
        String system = text(1300);
        converse(SONNET, system, user("warm"));
        StreamResult result =
                stream(
                        ConverseStreamRequest.builder()
                                .modelId(SONNET)
                                .messages(user("stream it"))
                                .system(
                                        SystemContentBlock.fromText(system),
                                        SystemContentBlock.fromCachePoint(POINT))
                                .build());
        assertEquals(1300, result.metadata().usage().cacheReadInputTokens());
    }

    @Test
    void modelsWithoutPromptCachingRefuseCachePoints() {
        AccessDeniedException llama =
                assertThrows(
                        AccessDeniedException.class, () -> converse(LLAMA, text(1500), user("Hi")));
        assertEquals(
                "You invoked an unsupported model or your request did not allow prompt caching. See the"
                        + " documentation for more information.",
                llama.awsErrorDetails().errorMessage());
        // Nova caches system and messages, but takes no checkpoint in the tool definitions.
        Tool tool =
                Tool.fromToolSpec(
                        s ->
                                s.name("lookup")
                                        .description("Looks things up")
                                        .inputSchema(
                                                ToolInputSchema.fromJson(
                                                        Document.fromMap(
                                                                java.util.Map.of(
                                                                        "type",
                                                                        Document.fromString(
                                                                                "object"))))));
        ValidationException inTools =
                assertThrows(
                        ValidationException.class,
                        () ->
                                client.converse(
                                        r ->
                                                r.modelId(NOVA_MICRO)
                                                        .messages(user("Hi"))
                                                        .toolConfig(
                                                                t ->
                                                                        t.tools(
                                                                                tool,
                                                                                Tool.fromCachePoint(
                                                                                        POINT)))));
        assertEquals(
                "Malformed input request: #/toolConfig/tools/1: extraneous key [cachePoint] is not permitted",
                inTools.awsErrorDetails().errorMessage());
        assertEquals(
                0,
                client.converse(r -> r.modelId(NOVA_MICRO).messages(withPoint(user("Hi"))))
                        .usage()
                        .cacheWriteInputTokens(),
                "a short prefix on Nova is accepted, just not cached");
    }

    @Test
    void novaTakesMessageCheckpointsAfterUserTextOnly() {
        ValidationException inAssistant =
                assertThrows(
                        ValidationException.class,
                        () ->
                                client.converse(
                                        r ->
                                                r.modelId(NOVA_MICRO)
                                                        .messages(
                                                                user("Hi"),
                                                                withPoint(assistant("Hello")),
                                                                user("More"))));
        assertEquals(
                "Malformed input request: #/messages/1/content/1: extraneous key [cachePoint] is not permitted",
                inAssistant.awsErrorDetails().errorMessage());
        // Claude takes the same request.
        client.converse(
                r ->
                        r.modelId(SONNET)
                                .messages(user("Hi"), withPoint(assistant("Hello")), user("More")));
    }

    @Test
    void novaCachesAtMostTwentyThousandTokens() {
        TokenUsage within = converse(NOVA_MICRO, text(15_000), user("Hi"));
        assertEquals(15_000, within.cacheWriteInputTokens());
        TokenUsage beyond = converse(NOVA_MICRO, text(21_000), user("Hi"));
        assertEquals(
                0,
                beyond.cacheWriteInputTokens(),
                "accepted, but past Nova's 20K nothing is cached");
        assertEquals(0, converse(NOVA_MICRO, text(21_000), user("Hi")).cacheReadInputTokens());
    }

    @Test
    void oneHourTtlOnClaudeFourFiveAndLaterOnly() {
        CachePointBlock hour =
                CachePointBlock.builder()
                        .type(CachePointType.DEFAULT)
                        .ttl(CacheTTL.VALUE_1_H)
                        .build();
        String system = text(1200);
        TokenUsage written =
                client.converse(
                                r ->
                                        r.modelId(SONNET)
                                                .messages(user("a"))
                                                .system(
                                                        SystemContentBlock.fromText(system),
                                                        SystemContentBlock.fromCachePoint(hour)))
                        .usage();
        assertEquals(1200, written.cacheWriteInputTokens());
        assertEquals(
                List.of(CacheDetail.builder().ttl(CacheTTL.VALUE_1_H).inputTokens(1200).build()),
                written.cacheDetails());
        control.advanceClock(30 * 60_000);
        TokenUsage read =
                client.converse(
                                r ->
                                        r.modelId(SONNET)
                                                .messages(user("b"))
                                                .system(
                                                        SystemContentBlock.fromText(system),
                                                        SystemContentBlock.fromCachePoint(hour)))
                        .usage();
        assertEquals(
                1200,
                read.cacheReadInputTokens(),
                "half an hour later the one-hour entry is still there");
        assertTrue(read.cacheDetails().isEmpty(), "no writes, no details");
        ValidationException nova =
                assertThrows(
                        ValidationException.class,
                        () ->
                                client.converse(
                                        r ->
                                                r.modelId(NOVA_MICRO)
                                                        .messages(user("a"))
                                                        .system(
                                                                SystemContentBlock.fromText(system),
                                                                SystemContentBlock.fromCachePoint(
                                                                        hour))));
        assertEquals(
                "Extended TTL prompt caching is only supported for Anthropic models",
                nova.awsErrorDetails().errorMessage());
        CachePointBlock fiveMinutes =
                CachePointBlock.builder()
                        .type(CachePointType.DEFAULT)
                        .ttl(CacheTTL.VALUE_5_M)
                        .build();
        assertThrows(
                ValidationException.class,
                () ->
                        client.converse(
                                r ->
                                        r.modelId(NOVA_MICRO)
                                                .messages(user("a"))
                                                .system(
                                                        SystemContentBlock.fromText(system),
                                                        SystemContentBlock.fromCachePoint(
                                                                fiveMinutes))),
                "Nova reads any ttl as extended-TTL caching");
    }

    @Test
    void atMostFourCheckpoints() {
        List<SystemContentBlock> system = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            system.add(SystemContentBlock.fromText("part " + i));
            system.add(SystemContentBlock.fromCachePoint(POINT));
        }
        assertThrows(
                ValidationException.class,
                () -> client.converse(r -> r.modelId(SONNET).system(system).messages(user("Hi"))));
    }

    private static Message withPoint(Message message) {
        List<ContentBlock> content = new ArrayList<>(message.content());
        content.add(ContentBlock.fromCachePoint(POINT));
        return Message.builder()
                .role(message.role() == null ? ConversationRole.USER : message.role())
                .content(content)
                .build();
    }
}
