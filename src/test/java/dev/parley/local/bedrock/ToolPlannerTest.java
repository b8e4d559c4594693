package dev.parley.local.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.parley.local.bedrock.Conversation.ToolChoice;
import dev.parley.local.bedrock.Conversation.ToolSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolPlannerTest {

    private static ToolSpec spec(String name, String description, String schema) {
        return new ToolSpec(name, description, ToolUseTest.json(schema));
    }

    private static final ToolSpec STOCK =
            spec(
                    "get_stock_price",
                    "Look up the latest price of a share.",
                    """
            {"type": "object", "properties": {"symbol": {"type": "string"}, "days": {"type": "integer"},
             "exchange": {"type": "string", "enum": ["NYSE", "NASDAQ"]}}, "required": ["symbol", "days"]}""");
    private static final ToolSpec TIME =
            spec(
                    "currentTime",
                    "Tells the time in a city.",
                    """
            {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}""");

    @Test
    void toolIsChosenByNameWordsOrDescription() {
        List<ToolSpec> tools = List.of(STOCK, TIME);
        assertEquals(
                STOCK,
                ToolPlanner.choose(tools, ToolChoice.AUTO, "What is the stock price of AMZN?"));
        assertEquals(TIME, ToolPlanner.choose(tools, ToolChoice.AUTO, "What time is it in Tokyo?"));
        assertEquals(
                STOCK,
                ToolPlanner.choose(tools, ToolChoice.AUTO, "How much is one share of ACME?"));
        assertNull(ToolPlanner.choose(tools, ToolChoice.AUTO, "Good morning!"));
        assertEquals(
                TIME,
                ToolPlanner.choose(tools, new ToolChoice("tool", "currentTime"), "Good morning!"));
    }

    @Test
    void inputIsBuiltFromTheSchema() {
        assertEquals(
                "{\"symbol\":\"Price of AMZN over 30 days on nasdaq\",\"days\":30,\"exchange\":\"NASDAQ\"}",
                ToolPlanner.input(STOCK, "Price of AMZN over 30 days on nasdaq?").toString());
        assertEquals(
                "{\"city\":\"Tokyo\"}",
                ToolPlanner.input(TIME, "What time is it in Tokyo?").toString());
    }

    @Test
    void placesAndExpressionsAreFoundInTheMessage() {
        assertEquals(
                "San Francisco, CA",
                ToolPlanner.place("Is it raining in San Francisco, CA right now?"));
        assertEquals("paris", ToolPlanner.place("weather in paris today"));
        assertNull(ToolPlanner.place("Hello"));
        assertEquals("7 * 6", ToolPlanner.expression("What is 7 times 6?"));
        assertEquals("(2 + 3) / 5", ToolPlanner.expression("compute (2 + 3) / 5 please"));
        assertNull(ToolPlanner.expression("no numbers here"));
    }
}
