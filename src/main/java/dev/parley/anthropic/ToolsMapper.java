package dev.parley.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.modelcall.ModelSpec;
import dev.parley.modelcall.ToolOptions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Anthropic {@code tools} and {@code tool_choice} to Converse's toolConfig. Client tools
 * ({@code type} absent or {@code custom}) are offered as toolSpecs; Anthropic's server and
 * versioned tools ({@code web_search_20250305}, {@code bash_20250124}, ...) cannot run through
 * Converse, so they are left out and named in a warning rather than failing a client that offers
 * them beside its own. {@code tool_choice}: auto, any, tool (by name), none. Converse has no
 * "none", so none offers no tools, unless the transcript holds tool blocks, which Converse reads
 * only with a toolConfig: then the tools stay, on auto.
 */
final class ToolsMapper {
    /** Bedrock's rule for a toolSpec name (Anthropic allows longer names; Bedrock does not). */
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

    record Tools(
            Optional<ToolOptions> options, boolean cached, boolean oneHour, List<String> leftOut) {}

    private ToolsMapper() {}

    static Tools map(JsonNode body, ModelSpec model, boolean toolBlocks) {
        Optional<JsonNode> tools = Fields.present(body, "tools");
        Optional<JsonNode> choice = Fields.present(body, "tool_choice");
        if (tools.isPresent() && !tools.get().isArray()) {
            throw Fields.READ.wrongType("tools", "a valid list", tools.get());
        }
        List<ToolOptions.Definition> definitions = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        List<String> leftOut = new ArrayList<>();
        boolean cached = false;
        boolean oneHour = false;
        for (int i = 0; tools.isPresent() && i < tools.get().size(); i++) {
            JsonNode tool = tools.get().get(i);
            String path = "tools." + i;
            Fields.object(tool, path);
            String type = Fields.string(tool, "type", path).orElse("custom");
            String name = Fields.requiredString(tool, "name", path);
            if (!type.equals("custom")) {
                leftOut.add(name + " (" + type + ")");
                continue;
            }
            if (!NAME.matcher(name).matches()) {
                throw AnthropicException.invalid(
                        path + ".name",
                        "String should match pattern '^[a-zA-Z0-9_-]{1,64}$'"
                                + " (Bedrock's rule for tool names)");
            }
            if (!names.add(name)) {
                throw AnthropicException.invalid(
                        "tools", "Tool names must be unique; '" + name + "' appears twice");
            }
            JsonNode schema =
                    Fields.present(tool, "input_schema")
                            .orElseThrow(() -> Fields.missing(path + ".input_schema"));
            Fields.object(schema, path + ".input_schema");
            String description =
                    Fields.string(tool, "description", path).filter(d -> !d.isBlank()).orElse(name);
            Optional<Boolean> control = CacheControl.read(tool, path);
            cached |= control.isPresent();
            oneHour |= control.orElse(false);
            definitions.add(new ToolOptions.Definition(name, description, schema));
        }
        ToolOptions.Choice mapped = choice(choice, names, definitions.isEmpty());
        if (definitions.isEmpty() || mapped == null && !toolBlocks) {
            if (toolBlocks) {
                throw AnthropicException.invalid(
                        "tools",
                        "Requests which include `tool_use` or `tool_result` blocks"
                                + " must define tools.");
            }
            return new Tools(Optional.empty(), false, false, leftOut);
        }
        if (!model.capabilities().tools()) {
            throw AnthropicException.invalid(
                    "tools",
                    "model "
                            + model.alias()
                            + " ("
                            + model.modelId()
                            + ") does not"
                            + " support tool use on Bedrock; choose another model or send no tools");
        }
        return new Tools(
                Optional.of(
                        new ToolOptions(
                                definitions, mapped == null ? ToolOptions.Choice.AUTO : mapped)),
                cached,
                oneHour,
                leftOut);
    }

    /** The Converse choice, or null for {@code none}. */
    private static ToolOptions.Choice choice(
            Optional<JsonNode> choice, Set<String> names, boolean noTools) {
        if (choice.isEmpty()) {
            return ToolOptions.Choice.AUTO;
        }
        Fields.object(choice.get(), "tool_choice");
        String type = Fields.requiredString(choice.get(), "type", "tool_choice");
        // disable_parallel_tool_use is accepted: Converse has no switch for it (documented).
        Fields.bool(choice.get(), "disable_parallel_tool_use", "tool_choice");
        return switch (type) {
            case "auto" -> ToolOptions.Choice.AUTO;
            case "none" -> null;
            case "any" -> {
                if (noTools) {
                    throw AnthropicException.invalid(
                            "tool_choice",
                            "tool_choice 'any' needs at least one tool in" + " 'tools'");
                }
                yield ToolOptions.Choice.ANY;
            }
            case "tool" -> {
                String name = Fields.requiredString(choice.get(), "name", "tool_choice");
                if (!names.contains(name)) {
                    throw AnthropicException.invalid(
                            "tool_choice.name",
                            "tool '"
                                    + name
                                    + "' is not one of the"
                                    + " client tools in 'tools' ("
                                    + String.join(", ", names)
                                    + ")");
                }
                yield ToolOptions.Choice.tool(name);
            }
            default ->
                    throw AnthropicException.invalid(
                            "tool_choice.type",
                            "Input should be 'auto', 'any', 'tool' or" + " 'none'");
        };
    }
}
