package dev.parley.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.parley.modelcall.ModelSpec;
import dev.parley.modelcall.ToolOptions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * OpenAI {@code tools} and {@code tool_choice} to Converse's toolConfig. {@code auto} is auto,
 * {@code required} is any, a named function is tool; {@code none} offers no tools at all (Converse
 * has no such choice), so the result is empty. Parley runs none of these tools: the client does.
 */
public final class ToolMapper {
    /** Bedrock's (and OpenAI's) rule for tool names. */
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

    /** OpenAI's function-name rule, which is also Bedrock's ToolName pattern (botocore: 1 to 64 of [a-zA-Z0-9_-]). */
    static boolean validName(String name) {
        return NAME.matcher(name).matches();
    }

    private ToolMapper() {}

    static Optional<ToolOptions> map(JsonNode body, ModelSpec model) {
        Optional<JsonNode> tools = Params.present(body, "tools");
        Optional<JsonNode> choice = Params.present(body, "tool_choice");
        if (tools.isEmpty() || tools.get().isArray() && tools.get().isEmpty()) {
            if (choice.isPresent()
                    && !(choice.get().isTextual() && choice.get().textValue().equals("none"))) {
                throw OpenAiException.invalid(
                        "tool_choice",
                        "Invalid value for 'tool_choice': 'tool_choice' is only"
                                + " allowed when 'tools' are specified.");
            }
            return Optional.empty();
        }
        if (!tools.get().isArray()) {
            throw Params.wrongType("tools", "an array", tools.get());
        }
        List<ToolOptions.Definition> definitions = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < tools.get().size(); i++) {
            ToolOptions.Definition definition = definition(tools.get().get(i), "tools[" + i + "]");
            if (!names.add(definition.name())) {
                throw OpenAiException.invalid(
                        "tools[" + i + "].function.name",
                        "Duplicate tool name '" + definition.name() + "'.");
            }
            definitions.add(StrictTools.forModel(definition, model));
        }
        ToolOptions.Choice mapped = choice(choice, names);
        if (mapped == null) {
            return Optional.empty();
        }
        if (!model.capabilities().tools()) {
            throw OpenAiException.unsupported(
                    "tools",
                    "Model "
                            + model.alias()
                            + " ("
                            + model.modelId()
                            + ") does not support tool use on Bedrock; choose another model or send no tools.");
        }
        return Optional.of(new ToolOptions(definitions, mapped));
    }

    private static ToolOptions.Definition definition(JsonNode tool, String path) {
        if (!tool.isObject()) {
            throw Params.wrongType(path, "an object", tool);
        }
        String type = Params.requiredString(tool, "type", path + ".type");
        if (!type.equals("function")) {
            throw OpenAiException.unsupported(
                    path + ".type",
                    "Invalid value: '" + type + "'. Supported values are: 'function'.");
        }
        JsonNode function = tool.get("function");
        if (function == null || !function.isObject()) {
            throw OpenAiException.invalid(
                    path + ".function", "Missing required parameter: '" + path + ".function'.");
        }
        return function(function, path + ".function");
    }

    /**
     * A function's name (checked against OpenAI's pattern), description, parameters and strict, as
     * Chat Completions nests them under {@code function} and the Responses API puts them on the tool.
     */
    public static ToolOptions.Definition function(JsonNode function, String path) {
        String name = Params.requiredString(function, "name", path + ".name");
        if (!NAME.matcher(name).matches()) {
            throw OpenAiException.invalid(
                    path + ".name",
                    "Invalid '"
                            + path
                            + ".name': string does"
                            + " not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]{1,64}$'.");
        }
        String description =
                Params.string(function, "description", path + ".description").orElse(name);
        JsonNode parameters =
                Params.present(function, "parameters")
                        .orElseGet(
                                () ->
                                        JsonNodeFactory.instance
                                                .objectNode()
                                                .put("type", "object")
                                                .set(
                                                        "properties",
                                                        JsonNodeFactory.instance.objectNode()));
        if (!parameters.isObject()) {
            throw Params.wrongType(path + ".parameters", "a JSON Schema object", parameters);
        }
        boolean strict = Params.bool(function, "strict", path + ".strict").orElse(false);
        return new ToolOptions.Definition(
                name, description.isBlank() ? name : description, parameters, strict);
    }

    /** The Converse choice, or null for {@code none}. */
    private static ToolOptions.Choice choice(Optional<JsonNode> choice, Set<String> names) {
        if (choice.isEmpty()) {
            return ToolOptions.Choice.AUTO;
        }
        JsonNode value = choice.get();
        if (value.isTextual()) {
            return switch (value.textValue()) {
                case "auto" -> ToolOptions.Choice.AUTO;
                case "required" -> ToolOptions.Choice.ANY;
                case "none" -> null;
                default ->
                        throw OpenAiException.invalid(
                                "tool_choice",
                                "Invalid value: '"
                                        + value.textValue()
                                        + "'. Supported values are: 'none', 'auto' and 'required', or a named function.");
            };
        }
        if (!value.isObject()) {
            throw Params.wrongType("tool_choice", "a string or an object", value);
        }
        String type = Params.requiredString(value, "type", "tool_choice.type");
        if (!type.equals("function")) {
            throw OpenAiException.unsupported(
                    "tool_choice.type",
                    "Invalid value: '" + type + "'. Supported values are: 'function'.");
        }
        JsonNode function = value.path("function");
        String name = Params.requiredString(function, "name", "tool_choice.function.name");
        if (!names.contains(name)) {
            throw OpenAiException.invalid(
                    "tool_choice",
                    "Invalid value for 'tool_choice': function '"
                            + name
                            + "' is not one of the 'tools' ("
                            + String.join(", ", names)
                            + ").");
        }
        return ToolOptions.Choice.tool(name);
    }
}
