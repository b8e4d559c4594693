package dev.parley.modelcall;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/** The Converse API's {@code toolConfig}: the tools offered to the model and how it must choose. */
public record ToolOptions(List<Definition> tools, Choice choice) {

    public ToolOptions {
        tools = List.copyOf(tools);
    }

    /**
     * One {@code toolSpec}: the JSON Schema is the one Parley validates the model's input against.
     * {@code strict} asks Bedrock to hold the model's input to the schema ({@code toolSpec.strict});
     * it is sent only to models whose feature-matrix row says they take structured output.
     */
    public record Definition(
            String name, String description, JsonNode inputSchema, boolean strict) {

        public Definition(String name, String description, JsonNode inputSchema) {
            this(name, description, inputSchema, false);
        }
    }

    /** {@code auto} (the model decides), {@code any} (it must use some tool) or one named tool. */
    public record Choice(Mode mode, Optional<String> toolName) {
        public enum Mode {
            AUTO,
            ANY,
            TOOL
        }

        public static final Choice AUTO = new Choice(Mode.AUTO, Optional.empty());
        public static final Choice ANY = new Choice(Mode.ANY, Optional.empty());

        public static Choice tool(String name) {
            return new Choice(Mode.TOOL, Optional.of(name));
        }
    }

    public ToolOptions withChoice(Choice newChoice) {
        return new ToolOptions(tools, newChoice);
    }
}
