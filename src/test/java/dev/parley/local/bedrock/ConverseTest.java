package dev.parley.local.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;

class ConverseTest extends EmulatorTestSupport {

    static final String ARTICLE =
            "The Amazon rainforest covers much of the Amazon basin of South America. "
                    + "The basin encompasses seven million square kilometres, of which the rainforest covers five and a"
                    + " half million. The rainforest represents over half of the planet's remaining rainforests. "
                    + "It is the largest and most biodiverse tract of tropical rainforest in the world. "
                    + "An estimated 390 billion individual trees grow in the rainforest. "
                    + "Deforestation of the rainforest is a major threat to its biodiversity. "
                    + "Cattle ranching drives most of the deforestation in the basin. "
                    + "Governments in the region have pledged to reduce deforestation of the rainforest.";

    private static ConverseResponse converse(String modelId, String system, Message... messages) {
        return client.converse(
                r -> {
                    r.modelId(modelId).messages(messages);
                    if (system != null) {
                        r.system(SystemContentBlock.fromText(system));
                    }
                });
    }

    /** The answer's text block (a reasoning model's reasoning block comes first). */
    private static String text(ConverseResponse response) {
        return response.output().message().content().stream()
                .filter(block -> block.text() != null)
                .map(block -> block.text())
                .findFirst()
                .orElse(null);
    }

    @Test
    void plainQuestionIsEchoedWithUsageAndMetrics() {
        ConverseResponse response = converse(NOVA_MICRO, null, user("Hello there"));

        assertEquals("You said: \"Hello there\"", text(response));
        assertEquals(StopReason.END_TURN, response.stopReason());
        assertEquals("assistant", response.output().message().roleAsString());
        assertEquals(
                2,
                response.usage()
                        .inputTokens()); // "Hello there": two words (the emulator's TokenCount)
        assertEquals(7, response.usage().outputTokens()); // You / said / : / " / Hello / there / "
        assertEquals(9, response.usage().totalTokens());
        assertTrue(response.metrics().latencyMs() >= 0);
        assertNotNull(response.responseMetadata().requestId());
    }

    @Test
    void sameInputGivesSameOutput() {
        Message question = user("Summarize: " + ARTICLE);
        assertEquals(
                text(converse(NOVA_MICRO, null, question)),
                text(converse(NOVA_MICRO, null, question)));
    }

    @Test
    void bulletSummaryIsMadeOfSourceSentencesInOrder() {
        String reply =
                text(
                        converse(
                                CLAUDE_HAIKU,
                                "You summarize texts as bullet points.",
                                user("<text>" + ARTICLE + "</text>")));

        List<String> lines = reply.lines().toList();
        assertEquals(3, lines.size(), reply); // a third of the 8 sentences, at least 3
        int previous = -1;
        for (String line : lines) {
            assertTrue(line.startsWith("- "), line);
            int at = ARTICLE.indexOf(line.substring(2));
            assertTrue(at > previous, "sentences from the text, in order: " + reply);
            previous = at;
        }
    }

    @Test
    void oneSentenceAndDetailedSummariesDifferInLength() {
        String one =
                text(
                        converse(
                                NOVA_MICRO,
                                null,
                                user("Summarize in one sentence.\n<text>" + ARTICLE + "</text>")));
        String concise =
                text(
                        converse(
                                NOVA_MICRO,
                                null,
                                user("Summarize this text.\n<text>" + ARTICLE + "</text>")));
        String detailed =
                text(
                        converse(
                                NOVA_MICRO,
                                null,
                                user("Write a detailed summary.\n<text>" + ARTICLE + "</text>")));

        assertEquals(1, Text.sentences(one).size(), one);
        assertTrue(ARTICLE.contains(one), one);
        assertTrue(
                Text.sentences(detailed).size() > Text.sentences(concise).size(),
                concise + " | " + detailed);
    }

    @Test
    void followUpShortensThePreviousAnswerToOneSentence() {
        String first =
                text(
                        converse(
                                NOVA_MICRO,
                                null,
                                user("Write a detailed summary.\n<text>" + ARTICLE + "</text>")));
        assertTrue(Text.sentences(first).size() > 1);

        String shorter =
                text(
                        converse(
                                NOVA_MICRO,
                                null,
                                user("Write a detailed summary.\n<text>" + ARTICLE + "</text>"),
                                assistant(first),
                                user("Make it one sentence.")));

        assertEquals(1, Text.sentences(shorter).size(), shorter);
        assertTrue(first.contains(shorter), shorter);
    }

    @Test
    void replyLongerThanMaxTokensIsCutWithMaxTokensStopReason() {
        ConverseResponse response =
                client.converse(
                        r ->
                                r.modelId(NOVA_MICRO)
                                        .messages(user("Summarize: " + ARTICLE))
                                        .inferenceConfig(c -> c.maxTokens(3)));

        assertEquals(StopReason.MAX_TOKENS, response.stopReason());
        assertEquals(3, response.usage().outputTokens());
        assertEquals(12, text(response).length());
    }

    @Test
    void stopSequenceEndsTheReply() {
        ConverseResponse response =
                client.converse(
                        r ->
                                r.modelId(NOVA_MICRO)
                                        .messages(user("Hello there"))
                                        .inferenceConfig(c -> c.stopSequences("there")));

        assertEquals(StopReason.STOP_SEQUENCE, response.stopReason());
        assertEquals("You said: \"Hello ", text(response));
    }

    @Test
    void profileOnlyModelAnswersThroughItsInferenceProfiles() {
        for (String id :
                List.of(
                        "us.anthropic.claude-haiku-4-5-20251001-v1:0",
                        "global.anthropic.claude-haiku-4-5-20251001-v1:0",
                        "apac.deepseek.r1-v1:0",
                        "arn:aws:bedrock:us-east-1:123456789012:inference-profile/eu.anthropic.claude-opus-4-5-20251101-v1:0",
                        "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0")) {
            assertEquals("You said: \"Hi\"", text(converse(id, null, user("Hi"))), id);
        }
    }
}
