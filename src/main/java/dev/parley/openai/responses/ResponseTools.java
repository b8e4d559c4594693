package dev.parley.openai.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.parley.modelcall.ModelSpec;
import dev.parley.modelcall.ToolOptions;
import dev.parley.openai.OpenAiException;
import dev.parley.openai.Params;
import dev.parley.openai.StrictTools;
import dev.parley.openai.ToolMapper;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A response's {@code tools} and {@code tool_choice} as Converse's toolConfig. Function tools are
 * offered (with {@code strict} where the model takes it); tools Parley cannot run (hosted tools:
 * web_search, file_search, code_interpreter, computer_use, mcp, image_generation, and any type it
 * does not know, such as Codex's {@code namespace} and {@code custom} tools) are left out and named
 * in {@link #skipped}, so a client that offers them beside its functions keeps working. A
 * {@code tool_choice} forcing a left-out tool is a 400: the model could not obey it.
 * {@code parallel_tool_calls} is accepted and left to the model (Converse has no such switch).
 */
record ResponseTools(Optional<ToolOptions> options, List<String> skipped, JsonNode echo) {

    static ResponseTools from(JsonNode body, ModelSpec model) {
        Optional<JsonNode> tools = Params.present(body, "tools");
        Optional<JsonNode> choice = Params.present(body, "tool_choice");
        Params.bool(body, "parallel_tool_calls", "parallel_tool_calls");
        List<ToolOptions.Definition> functions = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        var echo = JsonNodeFactory.instance.arrayNode();
        if (tools.isPresent()) {
            if (!tools.get().isArray()) {
                throw Params.wrongType("tools", "an array", tools.get());
            }
            for (int i = 0; i < tools.get().size(); i++) {
                JsonNode tool = tools.get().get(i);
                String path = "tools[" + i + "]";
                if (!tool.isObject()) {
                    throw Params.wrongType(path, "an object", tool);
                }
                String type = Params.requiredString(tool, "type", path + ".type");
                if (!type.equals("function")) {
                    skipped.add(
                            Params.string(tool, "name", path + ".name")
                                    .map(n -> type + ":" + n)
                                    .orElse(type));
                    continue;
                }
                ToolOptions.Definition definition = ToolMapper.function(tool, path);
                if (!names.add(definition.name())) {
                    throw OpenAiException.invalid(
                            path + ".name", "Duplicate tool name '" + definition.name() + "'.");
                }
                functions.add(StrictTools.forModel(definition, model));
                echo.add(tool);
            }
        }
        ToolOptions.Choice mapped = choice(choice, names, skipped);
        if (functions.isEmpty() || mapped == null) {
            return new ResponseTools(Optional.empty(), skipped, echo);
        }
        if (!model.capabilities().tools()) {
            throw OpenAiException.unsupported(
                    "tools",
                    "Model "
                            + model.alias()
                            + " ("
                            + model.modelId()
                            + ") does not support tool use on Bedrock; choose another model or send no function tools.");
        }
        return new ResponseTools(Optional.of(new ToolOptions(functions, mapped)), skipped, echo);
    }

    /** The Converse choice; null for {@code none} (no tools offered at all). */
    private static ToolOptions.Choice choice(
            Optional<JsonNode> choice, Set<String> names, List<String> skipped) {
        if (choice.isEmpty()) {
            return ToolOptions.Choice.AUTO;
        }
        JsonNode value = choice.get();
        if (value.isTextual()) {
            return switch (value.textValue()) {
                case "auto" -> ToolOptions.Choice.AUTO;
                case "required" -> {
                    if (names.isEmpty()) {
                        throw OpenAiException.invalid(
                                "tool_choice",
                                "Invalid value for 'tool_choice': 'required'"
                                        + " needs at least one function tool"
                                        + (skipped.isEmpty()
                                                ? "."
                                                : "; Parley cannot run "
                                                        + String.join(", ", skipped)
                                                        + "."));
                    }
                    yield ToolOptions.Choice.ANY;
                }
                case "none" -> null;
                default ->
                        throw OpenAiException.invalid(
                                "tool_choice",
                                "Invalid value: '"
                                        + value.textValue()
                                        + "'. Supported values are: 'none', 'auto' and 'required', or a function.");
            };
        }
        if (!value.isObject()) {
            throw Params.wrongType("tool_choice", "a string or an object", value);
        }
        String type = Params.requiredString(value, "type", "tool_choice.type");
        if (!type.equals("function")) {
            throw OpenAiException.unsupported(
                    "tool_choice",
                    "Invalid value for 'tool_choice': Parley cannot run"
                            + " '"
                            + type
                            + "' tools (hosted tools are left out of the model's tools); force a function tool"
                            + " or use 'auto'.");
        }
        String name = Params.requiredString(value, "name", "tool_choice.name");
        if (!names.contains(name)) {
            throw OpenAiException.invalid(
                    "tool_choice",
                    "Invalid value for 'tool_choice': function '"
                            + name
                            + "' is not one of the function tools ("
                            + String.join(", ", names)
                            + ").");
        }
        return ToolOptions.Choice.tool(name);
    }
}
