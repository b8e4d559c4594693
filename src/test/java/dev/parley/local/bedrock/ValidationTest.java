package dev.parley.local.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/** Each request rule, answered with a 400 ValidationException in Bedrock's wording. */
class ValidationTest extends EmulatorTestSupport {

    private static String rejection(Consumer<ConverseRequest.Builder> request) {
        ValidationException e =
                assertThrows(ValidationException.class, () -> client.converse(request));
        assertEquals(400, e.statusCode());
        assertEquals("ValidationException", e.awsErrorDetails().errorCode());
        return e.awsErrorDetails().errorMessage();
    }

    private static String rejection(Message... messages) {
        return rejection(r -> r.modelId(NOVA_MICRO).messages(messages));
    }

    private static Message toolUse(String id) {
        return Message.builder()
                .role(ConversationRole.ASSISTANT)
                .content(
                        ContentBlock.fromToolUse(
                                ToolUseBlock.builder()
                                        .toolUseId(id)
                                        .name("get_weather")
                                        .input(Document.mapBuilder().build())
                                        .build()))
                .build();
    }

    private static Message toolResults(String... ids) {
        return Message.builder()
                .role(ConversationRole.USER)
                .content(
                        List.of(ids).stream()
                                .map(
                                        id ->
                                                ContentBlock.fromToolResult(
                                                        ToolResultBlock.builder()
                                                                .toolUseId(id)
                                                                .content(
                                                                        ToolResultContentBlock
                                                                                .fromText(
                                                                                        "21 degrees"))
                                                                .build()))
                                .toList())
                .build();
    }

    private static String toolRejection(Message... messages) {
        return rejection(
                r ->
                        r.modelId(NOVA_MICRO)
                                .messages(messages)
                                .toolConfig(ToolUseTest.tools(ToolUseTest.WEATHER)));
    }

    @Test
    void conversationMustStartWithUser() {
        String expected =
                "A conversation must start with a user message. Try again with a conversation that starts"
                        + " with a user message.";
        assertEquals(expected, rejection(assistant("Hi"), user("Hello")));
        assertEquals(expected, rejection(r -> r.modelId(NOVA_MICRO).messages(List.of())));
    }

    @Test
    void rolesMustAlternate() {
        assertEquals(
                "A conversation must alternate between user and assistant roles. Make sure the conversation"
                        + " alternates between user and assistant roles and try again.",
                rejection(user("Hi"), user("Hello")));
    }

    @Test
    void contentMustNotBeEmpty() {
        Message empty =
                Message.builder().role(ConversationRole.ASSISTANT).content(List.of()).build();
        assertEquals(
                "The content field in the Message object at messages.1 is empty. Add a ContentBlock object to"
                        + " the content field and try again.",
                rejection(user("Hi"), empty, user("Hello")));
    }

    @Test
    void textMustNotBeBlank() {
        Message blank =
                Message.builder()
                        .role(ConversationRole.USER)
                        .content(ContentBlock.fromText("Hi"), ContentBlock.fromText(" \n "))
                        .build();
        assertEquals(
                "The text field in the ContentBlock object at messages.0.content.1 is blank. Add text to the"
                        + " text field, and try again.",
                rejection(blank));
    }

    @Test
    void toolBlocksNeedAToolConfig() {
        assertEquals(
                "The toolConfig field must be defined when using toolUse and toolResult content blocks.",
                rejection(user("Weather?"), toolUse("tooluse_a"), toolResults("tooluse_a")));
    }

    @Test
    void toolResultsMustAnswerThePreviousToolUses() {
        assertEquals(
                "The number of toolResult blocks at messages.2.content exceeds the number of toolUse blocks of"
                        + " previous turn.",
                toolRejection(
                        user("Weather?"),
                        toolUse("tooluse_a"),
                        toolResults("tooluse_a", "tooluse_b")));
        assertEquals(
                "The number of toolResult blocks at messages.2.content exceeds the number of toolUse blocks of"
                        + " previous turn.",
                toolRejection(user("Weather?"), assistant("Sure."), toolResults("tooluse_a")));
        assertEquals(
                "The toolResult block at messages.2.content has toolUseId tooluse_x, which does not match any"
                        + " toolUse block of the previous turn.",
                toolRejection(user("Weather?"), toolUse("tooluse_a"), toolResults("tooluse_x")));
        assertEquals(
                "Expected toolResult blocks at messages.2.content for the following Ids: tooluse_a",
                toolRejection(user("Weather?"), toolUse("tooluse_a"), user("Never mind.")));
    }

    @Test
    void inferenceParametersMustBeInRange() {
        assertEquals(
                "1 validation error detected: Value '1.5' at 'inferenceConfig.temperature' failed to satisfy"
                        + " constraint: Member must have value less than or equal to 1",
                rejection(
                        r ->
                                r.modelId(NOVA_MICRO)
                                        .messages(user("Hi"))
                                        .inferenceConfig(c -> c.temperature(1.5f))));
        assertEquals(
                "2 validation errors detected: Value '0' at 'inferenceConfig.maxTokens' failed to satisfy"
                        + " constraint: Member must have value greater than or equal to 1; Value '-0.1' at"
                        + " 'inferenceConfig.topP' failed to satisfy constraint: Member must have value greater than or"
                        + " equal to 0",
                rejection(
                        r ->
                                r.modelId(NOVA_MICRO)
                                        .messages(user("Hi"))
                                        .inferenceConfig(c -> c.maxTokens(0).topP(-0.1f))));
    }

    @Test
    void claude45TakesTemperatureOrTopPButNotBoth() {
        assertEquals(
                "The model returned the following errors: `temperature` and `top_p` cannot both be specified"
                        + " for this model. Please use only one.",
                rejection(
                        r ->
                                r.modelId("us.anthropic.claude-haiku-4-5-20251001-v1:0")
                                        .messages(user("Hi"))
                                        .inferenceConfig(c -> c.temperature(0.5f).topP(0.9f))));
        client.converse(
                r ->
                        r.modelId("us.anthropic.claude-haiku-4-5-20251001-v1:0")
                                .messages(user("Hi"))
                                .inferenceConfig(c -> c.temperature(0.5f)));
        client.converse(
                r ->
                        r.modelId(NOVA_MICRO)
                                .messages(user("Hi"))
                                .inferenceConfig(c -> c.temperature(0.5f).topP(0.9f)));
    }

    @Test
    void maxTokensMustNotExceedTheModelLimit() {
        assertEquals(
                "The maximum tokens you requested exceeds the model limit of 10000. Try again with a maximum"
                        + " tokens value that is lower than 10000.",
                rejection(
                        r ->
                                r.modelId(NOVA_MICRO)
                                        .messages(user("Hi"))
                                        .inferenceConfig(c -> c.maxTokens(10001))));
        client.converse(
                r ->
                        r.modelId(NOVA_MICRO)
                                .messages(user("Hi"))
                                .inferenceConfig(c -> c.maxTokens(10000)));
    }

    @Test
    void unknownModelIsAnInvalidIdentifier() {
        for (String id :
                List.of(
                        "amazon.nova-mega-v9:0",
                        "xx.amazon.nova-micro-v1:0",
                        "us.unknown-model",
                        "arn:aws:bedrock:us-east-1::custom-model/abc")) {
            assertEquals(
                    "The provided model identifier is invalid.",
                    rejection(r -> r.modelId(id).messages(user("Hi"))),
                    id);
        }
    }

    @Test
    void profileOnlyModelByItsBareIdGetsBedrocksExactText() {
        assertEquals(
                "Invocation of model ID anthropic.claude-haiku-4-5-20251001-v1:0 with on-demand throughput"
                        + " isn\u2019t supported. Retry your request with the ID or ARN of an inference profile that contains"
                        + " this model.",
                rejection(
                        r ->
                                r.modelId("anthropic.claude-haiku-4-5-20251001-v1:0")
                                        .messages(user("Hi"))));
    }

    /** A model past its end of life answers as Bedrock does, whichever way it is named (its EOL is in the matrix). */
    @Test
    void endOfLifeModelIsRefusedWithBedrocksResourceNotFound() {
        for (String id :
                List.of(
                        "us.anthropic.claude-3-5-haiku-20241022-v1:0",
                        "us.anthropic.claude-3-7-sonnet-20250219-v1:0",
                        "anthropic.claude-3-5-sonnet-20240620-v1:0")) {
            software.amazon.awssdk.services.bedrockruntime.model.ResourceNotFoundException e =
                    assertThrows(
                            software.amazon.awssdk.services.bedrockruntime.model
                                    .ResourceNotFoundException.class,
                            () -> client.converse(r -> r.modelId(id).messages(user("Hi"))),
                            id);
            assertEquals(404, e.statusCode());
            assertEquals(
                    "This model version has reached the end of its life. Please refer to the AWS documentation"
                            + " for more details.",
                    e.awsErrorDetails().errorMessage());
        }
    }
}
