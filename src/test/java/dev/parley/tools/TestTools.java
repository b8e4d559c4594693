package dev.parley.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

/** Tools that exist only in tests: one that is slow, one that throws, one that talks too much. */
public final class TestTools {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestTools() {}

    static JsonNode schema(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** When each slow_tool run started and ended (nanoTime), to see runs overlap. */
    public static final java.util.List<long[]> SLOW_RUNS =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    @ApplicationScoped
    public static class SlowTool implements Tool {
        @Override
        public String name() {
            return "slow_tool";
        }

        @Override
        public String description() {
            return "Sleeps for the given milliseconds.";
        }

        @Override
        public JsonNode inputSchema() {
            return schema(
                    "{\"type\":\"object\",\"properties\":{\"ms\":{\"type\":\"integer\",\"minimum\":0}},"
                            + "\"required\":[\"ms\"]}");
        }

        @Override
        public JsonNode execute(JsonNode input, ToolContext context) {
            long started = System.nanoTime();
            try {
                Thread.sleep(input.path("ms").asLong());
                SLOW_RUNS.add(new long[] {started, System.nanoTime()});
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ToolException("interrupted");
            }
            return JSON.createObjectNode().put("slept", input.path("ms").asLong());
        }
    }

    @ApplicationScoped
    public static class FailingTool implements Tool {
        @Override
        public String name() {
            return "failing_tool";
        }

        @Override
        public String description() {
            return "Always fails.";
        }

        @Override
        public JsonNode inputSchema() {
            return schema("{\"type\":\"object\",\"properties\":{}}");
        }

        @Override
        public JsonNode execute(JsonNode input, ToolContext context) {
            throw new IllegalStateException("boom: a bug inside the tool");
        }
    }

    @ApplicationScoped
    public static class ChattyTool implements Tool {
        @Override
        public String name() {
            return "chatty_tool";
        }

        @Override
        public String description() {
            return "Returns a very long text.";
        }

        @Override
        public JsonNode inputSchema() {
            return schema("{\"type\":\"object\",\"properties\":{}}");
        }

        @Override
        public JsonNode execute(JsonNode input, ToolContext context) {
            return JSON.createObjectNode().put("text", "x".repeat(50_000));
        }
    }
}
