package dev.parley.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Emulator;
import dev.parley.testing.Lambda;
import dev.parley.testing.Lambda.ProxyResult;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST /v1/tools: the loop against the emulator, scripted to ask for tools. */
@QuarkusTest
class ToolLoopTest {
    static final String NOVA = "us.amazon.nova-micro-v1:0";

    @BeforeEach
    void reset() {
        Emulator.control().reset();
    }

    static ProxyResult ask(Map<String, Object> body) {
        return Lambda.post("/v1/tools", body);
    }

    @Test
    void seedWeatherFlowOneToolThenAnAnswer() {
        ProxyResult result =
                ask(
                        Map.of(
                                "message",
                                "What is the weather like in Vienna today?",
                                "tools",
                                List.of("get_weather")));
        assertEquals(200, result.status(), result.toString());
        JsonNode body = result.body();
        assertEquals("end_turn", body.path("stopReason").asText());
        assertEquals(2, body.path("iterations").asInt());
        JsonNode call = body.path("toolCalls").get(0);
        assertEquals("get_weather", call.path("name").asText());
        assertEquals("Vienna", call.at("/input/location").asText());
        assertEquals("success", call.path("status").asText());
        assertEquals("Vienna", call.at("/output/location").asText());
        assertTrue(call.at("/output/temperatureC").isNumber());
        assertTrue(body.path("reply").asText().contains("Vienna"), body.path("reply").asText());
        assertTrue(body.path("usage").path("totalTokens").asInt() > 0);

        List<JsonNode> calls = Emulator.control().calls();
        assertEquals(2, calls.size());
        assertEquals(
                "get_weather", calls.get(0).at("/body/toolConfig/tools/0/toolSpec/name").asText());
        JsonNode sentBack = calls.get(1).at("/body/messages");
        String toolUseId = sentBack.get(1).at("/content/0/toolUse/toolUseId").asText();
        assertEquals(toolUseId, sentBack.get(2).at("/content/0/toolResult/toolUseId").asText());
        assertEquals("success", sentBack.get(2).at("/content/0/toolResult/status").asText());
        assertEquals(
                "Vienna",
                sentBack.get(2).at("/content/0/toolResult/content/0/json/location").asText());
    }

    @Test
    void twoToolsInOneTurnRunConcurrently() {
        Emulator.control()
                .script(
                        """
                {"reply": {"toolUse": [{"name": "slow_tool", "input": {"ms": 400}, "toolUseId": "a"},
                                       {"name": "slow_tool", "input": {"ms": 400}, "toolUseId": "b"}]}}""");
        TestTools.SLOW_RUNS.clear();
        ProxyResult result = ask(Map.of("message", "Sleep twice", "tools", List.of("slow_tool")));
        assertEquals(200, result.status(), result.toString());
        assertEquals(2, result.body().path("toolCalls").size());
        long[] a = TestTools.SLOW_RUNS.get(0);
        long[] b = TestTools.SLOW_RUNS.get(1);
        assertTrue(a[0] < b[1] && b[0] < a[1], "the two runs overlapped in time");
        JsonNode results = Emulator.control().calls().get(1).at("/body/messages/2/content");
        Set<String> ids = new HashSet<>();
        results.forEach(r -> ids.add(r.at("/toolResult/toolUseId").asText()));
        assertEquals(Set.of("a", "b"), ids);
    }

    @Test
    void aChainOfThreeToolTurns() {
        Emulator.control().scriptToolUse(null, "calculator", "{\"expression\": \"6 * 7\"}");
        Emulator.control().scriptToolUse(null, "current_time", "{\"timezone\": \"Europe/Vienna\"}");
        Emulator.control().scriptToolUse(null, "calculator", "{\"expression\": \"(1 + 2) ^ 3\"}");
        ProxyResult result =
                ask(
                        Map.of(
                                "message",
                                "Do several things",
                                "tools",
                                List.of("calculator", "current_time")));
        assertEquals(200, result.status(), result.toString());
        assertEquals(4, result.body().path("iterations").asInt());
        JsonNode calls = result.body().path("toolCalls");
        assertEquals(3, calls.size());
        assertEquals("42", calls.get(0).at("/output/result").asText());
        assertEquals("Europe/Vienna", calls.get(1).at("/output/timezone").asText());
        assertEquals("27", calls.get(2).at("/output/result").asText());
        assertEquals(7, Emulator.control().calls().get(3).at("/body/messages").size());
    }

    @Test
    void aToolThatThrowsBecomesAnErrorResult() {
        Emulator.control().scriptToolUse(null, "failing_tool", "{}");
        ProxyResult result = ask(Map.of("message", "Try it", "tools", List.of("failing_tool")));
        assertEquals(200, result.status(), result.toString());
        JsonNode call = result.body().path("toolCalls").get(0);
        assertEquals("error", call.path("status").asText());
        assertEquals("failing_tool failed unexpectedly", call.at("/output/error").asText());
        assertFalse(result.toString().contains("boom"), "internal details stay in the log");
        JsonNode sent =
                Emulator.control().calls().get(1).at("/body/messages/2/content/0/toolResult");
        assertEquals("error", sent.path("status").asText());
    }

    @Test
    void inputThatViolatesTheSchemaNeverReachesTheTool() {
        Emulator.control().scriptToolUse(null, "calculator", "{\"expr\": \"1 + 1\"}");
        ProxyResult result = ask(Map.of("message", "Add", "tools", List.of("calculator")));
        JsonNode call = result.body().path("toolCalls").get(0);
        assertEquals("error", call.path("status").asText());
        assertTrue(
                call.at("/output/error").asText().startsWith("invalid input for calculator"),
                call.toString());
    }

    @Test
    void anUnknownToolNameGetsAnErrorResult() {
        Emulator.control().scriptToolUse(null, "launch_rockets", "{}");
        ProxyResult result = ask(Map.of("message", "Go", "tools", List.of("calculator")));
        assertEquals(200, result.status(), result.toString());
        JsonNode call = result.body().path("toolCalls").get(0);
        assertEquals("error", call.path("status").asText());
        assertTrue(call.at("/output/error").asText().contains("no tool named 'launch_rockets'"));
    }

    @Test
    void aToolOutsideTheRequestedSetDoesNotRun() {
        Emulator.control().scriptToolUse(null, "get_weather", "{\"location\": \"Paris\"}");
        ProxyResult result = ask(Map.of("message", "Weather?", "tools", List.of("calculator")));
        JsonNode call = result.body().path("toolCalls").get(0);
        assertEquals(
                "error",
                call.path("status").asText(),
                "the request narrowed the set to calculator");
    }

    @Test
    void theIterationCapStopsTheLoopWithAValidHistory() {
        Emulator.control()
                .script(
                        "{\"reply\": {\"toolUse\": [{\"name\": \"calculator\", \"input\": {\"expression\": \"1+1\"}}]},"
                                + " \"times\": -1}");
        ProxyResult result = ask(Map.of("message", "Loop forever", "tools", List.of("calculator")));
        assertEquals(200, result.status(), result.toString());
        assertEquals("max_iterations", result.body().path("stopReason").asText());
        assertEquals(5, result.body().path("iterations").asInt());
        assertEquals(5, result.body().path("toolCalls").size());
        assertEquals(5, Emulator.control().calls().size());
    }

    @Test
    void outputIsCappedBeforeItReachesTheModel() {
        Emulator.control().scriptToolUse(null, "chatty_tool", "{}");
        ask(Map.of("message", "Talk", "tools", List.of("chatty_tool")));
        JsonNode content =
                Emulator.control()
                        .calls()
                        .get(1)
                        .at("/body/messages/2/content/0/toolResult/content/0");
        assertTrue(content.path("text").asText().endsWith("…[truncated]"));
        assertTrue(content.path("text").asText().length() < 8100);
    }

    @Test
    void toolChoiceIsSentAndOnlyForcedOnTheFirstCall() {
        ask(
                Map.of(
                        "message",
                        "What time is it in Tokyo?",
                        "tools",
                        List.of("current_time", "calculator"),
                        "toolChoice",
                        "current_time"));
        List<JsonNode> calls = Emulator.control().calls();
        assertEquals(
                "current_time", calls.get(0).at("/body/toolConfig/toolChoice/tool/name").asText());
        assertTrue(
                calls.get(1).at("/body/toolConfig/toolChoice/auto").isObject(),
                calls.get(1).toString());

        Emulator.control().reset();
        ask(
                Map.of(
                        "message",
                        "Use something",
                        "tools",
                        List.of("calculator"),
                        "toolChoice",
                        "any"));
        assertTrue(
                Emulator.control().calls().get(0).at("/body/toolConfig/toolChoice/any").isObject());
    }

    @Test
    void validation() {
        assertError(
                ask(Map.of("message", "x", "tools", List.of("rm_rf"))),
                "validation_error",
                "rm_rf");
        assertError(
                ask(Map.of("message", "x", "tools", "calculator")),
                "validation_error",
                "tools must be an array");
        assertError(
                ask(Map.of("message", "x", "tools", List.of())),
                "validation_error",
                "at least one tool");
        assertError(
                ask(
                        Map.of(
                                "message",
                                "x",
                                "toolChoice",
                                "get_weather",
                                "tools",
                                List.of("calculator"))),
                "validation_error",
                "toolChoice");
        assertError(
                ask(Map.of("message", "x", "model", "deepseek-r1")),
                "validation_error",
                "does not support tool use");
        assertError(
                ask(Map.of("tools", List.of("calculator"))),
                "validation_error",
                "message is required");
        assertTrue(Emulator.control().calls().isEmpty());
    }

    @Test
    void listsTheToolsWithTheirSchemas() {
        JsonNode tools = Lambda.get("/v1/tools").body().path("tools");
        Set<String> names = new HashSet<>();
        tools.forEach(
                tool -> {
                    names.add(tool.path("name").asText());
                    assertEquals("object", tool.at("/inputSchema/type").asText());
                    assertFalse(tool.path("description").asText().isBlank());
                });
        assertTrue(
                names.containsAll(
                        Set.of("get_weather", "calculator", "current_time", "read_document")),
                names.toString());
    }

    @Test
    void anUnknownPlaceIsAToolErrorTheModelCanExplain() {
        ProxyResult result =
                ask(
                        Map.of(
                                "message",
                                "What is the weather in Atlantis?",
                                "tools",
                                List.of("get_weather")));
        JsonNode call = result.body().path("toolCalls").get(0);
        assertEquals("error", call.path("status").asText());
        assertTrue(call.at("/output/error").asText().contains("Atlantis"));
        assertTrue(
                result.body().path("reply").asText().contains("failed"), result.body().toString());
    }

    private static void assertError(ProxyResult result, String code, String message) {
        assertEquals(400, result.status(), result.toString());
        assertEquals(code, result.errorCode());
        assertTrue(result.errorMessage().contains(message), result.errorMessage());
    }
}
