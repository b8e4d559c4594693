package dev.parley.local.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.DocumentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ImageBlock;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.Tool;
import software.amazon.awssdk.services.bedrockruntime.model.ToolConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.ToolSpecification;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/** Bedrock's rules on documents, images, tool names, tool-use ids and the context window. */
class ContentRulesTest extends EmulatorTestSupport {

    private static String rejection(Consumer<ConverseRequest.Builder> request) {
        ValidationException e =
                assertThrows(ValidationException.class, () -> client.converse(request));
        assertEquals(400, e.statusCode());
        return e.awsErrorDetails().errorMessage();
    }

    private static ContentBlock document(String name, int bytes) {
        return ContentBlock.fromDocument(
                DocumentBlock.builder()
                        .format("txt")
                        .name(name)
                        .source(s -> s.bytes(SdkBytes.fromByteArray(new byte[bytes])))
                        .build());
    }

    private static ContentBlock png(int width, int height, int bytes) {
        ByteBuffer header = ByteBuffer.allocate(Math.max(bytes, 24));
        header.put(
                new byte[] {
                    (byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R'
                });
        header.putInt(width).putInt(height);
        return ContentBlock.fromImage(
                ImageBlock.builder()
                        .format("png")
                        .source(s -> s.bytes(SdkBytes.fromByteArray(header.array())))
                        .build());
    }

    private static Message userWith(ContentBlock... blocks) {
        return Message.builder().role(ConversationRole.USER).content(blocks).build();
    }

    @Test
    void documentNamesFollowBedrocksCharacterRule() {
        for (String name : List.of("notes.pdf", "John's report", "résumé", "two  spaces", "a/b")) {
            assertEquals(
                    ContentRules.DOCUMENT_NAME_REFUSED,
                    rejection(
                            r ->
                                    r.modelId(CLAUDE_HAIKU)
                                            .messages(
                                                    userWith(
                                                            ContentBlock.fromText("Summarize"),
                                                            document(name, 10)))),
                    name);
        }
        for (String name : List.of("notes", "Quarterly report (draft) [v2]", "mem_1_tool-use")) {
            client.converse(
                    r ->
                            r.modelId(CLAUDE_HAIKU)
                                    .messages(
                                            userWith(
                                                    ContentBlock.fromText("Summarize"),
                                                    document(name, 10))));
        }
        assertTrue(
                rejection(
                                r ->
                                        r.modelId(CLAUDE_HAIKU)
                                                .messages(
                                                        userWith(
                                                                ContentBlock.fromText("Summarize"),
                                                                document("a".repeat(201), 10))))
                        .contains("Member must have length less than or equal to 200"));
    }

    @Test
    void documentsNeedTextBesideThemAUserRoleAndStayWithinCountAndSize() {
        assertTrue(
                rejection(r -> r.modelId(CLAUDE_HAIKU).messages(userWith(document("notes", 10))))
                        .contains("contains a document but no text"));
        List<ContentBlock> six = new ArrayList<>(List.of(ContentBlock.fromText("Compare")));
        for (int i = 0; i < 6; i++) {
            six.add(document("doc " + i, 10));
        }
        assertTrue(
                rejection(
                                r ->
                                        r.modelId(CLAUDE_HAIKU)
                                                .messages(
                                                        userWith(six.toArray(ContentBlock[]::new))))
                        .contains("at most 5"));
        assertTrue(
                rejection(
                                r ->
                                        r.modelId(CLAUDE_HAIKU)
                                                .messages(
                                                        userWith(
                                                                ContentBlock.fromText("Read"),
                                                                document("big", 4_500_001))))
                        .contains("no more than 4.5 MB"));
        Message assistantDocument =
                Message.builder()
                        .role(ConversationRole.ASSISTANT)
                        .content(ContentBlock.fromText("Here"), document("notes", 10))
                        .build();
        assertTrue(
                rejection(
                                r ->
                                        r.modelId(CLAUDE_HAIKU)
                                                .messages(
                                                        user("Hi"),
                                                        assistantDocument,
                                                        user("And?")))
                        .contains("only messages with the user role"));
    }

    @Test
    void imagesStayWithinCountSizeAndDimensions() {
        client.converse(
                r ->
                        r.modelId(CLAUDE_HAIKU)
                                .messages(
                                        userWith(
                                                ContentBlock.fromText("What is it?"),
                                                png(8000, 10, 100))));
        assertTrue(
                rejection(
                                r ->
                                        r.modelId(CLAUDE_HAIKU)
                                                .messages(
                                                        userWith(
                                                                ContentBlock.fromText("What?"),
                                                                png(8001, 10, 100))))
                        .contains("no more than 8000 px"));
        assertTrue(
                rejection(
                                r ->
                                        r.modelId(CLAUDE_HAIKU)
                                                .messages(
                                                        userWith(
                                                                ContentBlock.fromText("What?"),
                                                                png(10, 10, 3_750_001))))
                        .contains("no more than 3.75 MB"));
        List<ContentBlock> many = new ArrayList<>(List.of(ContentBlock.fromText("Which?")));
        for (int i = 0; i < 21; i++) {
            many.add(png(10, 10, 100));
        }
        assertTrue(
                rejection(
                                r ->
                                        r.modelId(CLAUDE_HAIKU)
                                                .messages(
                                                        userWith(
                                                                many.toArray(ContentBlock[]::new))))
                        .contains("at most 20"));
    }

    @Test
    void toolNamesAndToolUseIdsFollowBotocoresPatterns() {
        ToolConfiguration badName =
                ToolConfiguration.builder()
                        .tools(
                                Tool.fromToolSpec(
                                        ToolSpecification.builder()
                                                .name("get.weather")
                                                .inputSchema(
                                                        s ->
                                                                s.json(
                                                                        Document.mapBuilder()
                                                                                .putString(
                                                                                        "type",
                                                                                        "object")
                                                                                .build()))
                                                .build()))
                        .build();
        assertEquals(
                "1 validation error detected: Value 'get.weather' at 'toolConfig.tools.1.member.toolSpec.name'"
                        + " failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_-]+",
                rejection(r -> r.modelId(NOVA_MICRO).messages(user("Hi")).toolConfig(badName)));
        Message use =
                Message.builder()
                        .role(ConversationRole.ASSISTANT)
                        .content(
                                ContentBlock.fromToolUse(
                                        ToolUseBlock.builder()
                                                .toolUseId("call id/1")
                                                .name("get_weather")
                                                .input(Document.mapBuilder().build())
                                                .build()))
                        .build();
        String message =
                rejection(
                        r ->
                                r.modelId(NOVA_MICRO)
                                        .messages(user("Hi"), use, user("And?"))
                                        .toolConfig(ToolUseTest.tools(ToolUseTest.WEATHER)));
        assertTrue(
                message.contains("'messages.2.member.content.1.member.toolUse.toolUseId'")
                        && message.contains("[a-zA-Z0-9_.:-]+"),
                message);
    }

    @Test
    void inputLongerThanTheContextWindowIsRefused() {
        // Qwen3 32B reads 32,768 tokens; each "word " is one token by the emulator's count.
        String qwen = "qwen.qwen3-32b-v1:0";
        client.converse(r -> r.modelId(qwen).messages(user("word ".repeat(30_000))));
        assertEquals(
                ContextWindow.TOO_LONG,
                rejection(r -> r.modelId(qwen).messages(user("word ".repeat(33_000)))));
    }
}
