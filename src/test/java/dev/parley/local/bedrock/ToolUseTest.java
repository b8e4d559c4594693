package dev.parley.local.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;
import software.amazon.awssdk.services.bedrockruntime.model.Tool;
import software.amazon.awssdk.services.bedrockruntime.model.ToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.ToolConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlock;

class ToolUseTest extends EmulatorTestSupport {

    static final Tool WEATHER =
            tool(
                    "get_weather",
                    "Get the current weather for a location.",
                    """
            {"type": "object", "properties": {
               "location": {"type": "string", "description": "City name"},
               "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]}},
             "required": ["location"]}""");
    static final Tool CALCULATOR =
            tool(
                    "calculator",
                    "Evaluate an arithmetic expression.",
                    """
            {"type": "object", "properties": {"expression": {"type": "string"}}, "required": ["expression"]}""");

    static Tool tool(String name, String description, String schemaJson) {
        Document schema = document(json(schemaJson));
        return Tool.fromToolSpec(
                s -> s.name(name).description(description).inputSchema(i -> i.json(schema)));
    }

    /** Jackson tree to the SDK's Document (tool schemas and inputs travel as Documents). */
    static Document document(JsonNode node) {
        if (node.isObject()) {
            Document.MapBuilder map = Document.mapBuilder();
            node.fields()
                    .forEachRemaining(f -> map.putDocument(f.getKey(), document(f.getValue())));
            return map.build();
        }
        if (node.isArray()) {
            Document.ListBuilder list = Document.listBuilder();
            node.forEach(item -> list.addDocument(document(item)));
            return list.build();
        }
        if (node.isNumber()) {
            return Document.fromNumber(node.decimalValue().toPlainString());
        }
        if (node.isBoolean()) {
            return Document.fromBoolean(node.asBoolean());
        }
        return node.isNull() ? Document.fromNull() : Document.fromString(node.asText());
    }

    static ToolConfiguration tools(Tool... tools) {
        return ToolConfiguration.builder().tools(tools).build();
    }

    static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ConverseResponse converse(ToolConfiguration config, Message... messages) {
        return client.converse(r -> r.modelId(NOVA_MICRO).messages(messages).toolConfig(config));
    }

    private static ToolUseBlock onlyToolUse(ConverseResponse response) {
        assertEquals(StopReason.TOOL_USE, response.stopReason());
        assertEquals(1, response.output().message().content().size());
        return response.output().message().content().get(0).toolUse();
    }

    @Test
    void askingForTheWeatherCallsTheWeatherToolWithThePlace() {
        ToolUseBlock use =
                onlyToolUse(
                        converse(
                                tools(CALCULATOR, WEATHER),
                                user(
                                        "What's the weather like in New York City today? Answer in fahrenheit.")));

        assertEquals("get_weather", use.name());
        assertTrue(use.toolUseId().matches("tooluse_[0-9a-f]{22}"), use.toolUseId());
        assertEquals("New York City", use.input().asMap().get("location").asString());
        assertEquals("fahrenheit", use.input().asMap().get("unit").asString());
    }

    @Test
    void arithmeticCallsTheCalculatorWithTheExpression() {
        ToolUseBlock use =
                onlyToolUse(converse(tools(WEATHER, CALCULATOR), user("What is 12 * (3 + 4)?")));

        assertEquals("calculator", use.name());
        assertEquals("12 * (3 + 4)", use.input().asMap().get("expression").asString());
    }

    @Test
    void toolResultRoundTripIsAnsweredInText() {
        Message question = user("What's the weather in Lisbon?");
        ConverseResponse first = converse(tools(WEATHER), question);
        ToolUseBlock use = onlyToolUse(first);
        Message result =
                Message.builder()
                        .role(ConversationRole.USER)
                        .content(
                                ContentBlock.fromToolResult(
                                        ToolResultBlock.builder()
                                                .toolUseId(use.toolUseId())
                                                .content(
                                                        ToolResultContentBlock.fromJson(
                                                                Document.mapBuilder()
                                                                        .putNumber(
                                                                                "temperature", 21)
                                                                        .putString("sky", "sunny")
                                                                        .build()))
                                                .build()))
                        .build();

        ConverseResponse second =
                converse(tools(WEATHER), question, first.output().message(), result);

        assertEquals(StopReason.END_TURN, second.stopReason());
        String text = second.output().message().content().get(0).text();
        assertTrue(
                text.contains("get_weather") && text.contains("21") && text.contains("sunny"),
                text);
    }

    @Test
    void questionThatNeedsNoToolGetsText() {
        ConverseResponse response = converse(tools(WEATHER, CALCULATOR), user("Tell me a joke"));

        assertEquals(StopReason.END_TURN, response.stopReason());
        assertNull(response.output().message().content().get(0).toolUse());
        assertEquals(
                "You said: \"Tell me a joke\"",
                response.output().message().content().get(0).text());
    }

    @Test
    void toolChoiceAnyAndNamedToolForceATool() {
        ToolConfiguration any =
                ToolConfiguration.builder()
                        .tools(WEATHER, CALCULATOR)
                        .toolChoice(ToolChoice.fromAny(a -> {}))
                        .build();
        ToolConfiguration named =
                ToolConfiguration.builder()
                        .tools(WEATHER, CALCULATOR)
                        .toolChoice(ToolChoice.fromTool(t -> t.name("calculator")))
                        .build();

        assertEquals("get_weather", onlyToolUse(converse(any, user("Tell me a joke"))).name());
        assertEquals("calculator", onlyToolUse(converse(named, user("Tell me a joke"))).name());
    }

    @Test
    void scriptedToolUseIsReturnedAsIs() {
        control.scriptToolUse(
                NOVA_MICRO, "lookup_order", "{\"orderId\": \"A-17\", \"verbose\": true}");

        ToolUseBlock use = onlyToolUse(converse(tools(WEATHER), user("Where is my order?")));

        assertEquals("lookup_order", use.name());
        assertEquals("A-17", use.input().asMap().get("orderId").asString());
        assertTrue(use.input().asMap().get("verbose").asBoolean());
        assertTrue(use.toolUseId().startsWith("tooluse_"));
    }
}
