package dev.parley.tools;

import dev.parley.error.ParleyException;
import dev.parley.modelcall.ModelSpec;
import dev.parley.modelcall.ToolOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Every allow-listed {@link Tool} bean, by name. */
@ApplicationScoped
public class ToolRegistry {
    private final Map<String, Tool> tools = new TreeMap<>();

    ToolRegistry(Instance<Tool> beans, ToolSettings settings) {
        Map<String, Tool> all = new TreeMap<>();
        beans.forEach(tool -> all.put(tool.name(), tool));
        for (String name : settings.allowed().orElse(List.copyOf(all.keySet()))) {
            Tool tool = all.get(name);
            if (tool == null) {
                throw new IllegalStateException(
                        "parley.tools.allowed names '"
                                + name
                                + "', which is not a tool; tools: "
                                + all.keySet());
            }
            tools.put(name, tool);
        }
    }

    public List<Tool> all() {
        return List.copyOf(tools.values());
    }

    public Optional<Tool> find(String name) {
        return Optional.ofNullable(tools.get(name));
    }

    /** The tools a request asked for (all allowed ones when it named none); unknown names are a 400. */
    public List<Tool> select(Optional<List<String>> requested) {
        if (requested.isEmpty()) {
            return all();
        }
        List<Tool> selected = new ArrayList<>();
        for (String name : requested.get()) {
            Tool tool = tools.get(name);
            if (tool == null) {
                throw ParleyException.validation(
                        "tools names '"
                                + name
                                + "', which is not an available tool;"
                                + " available: "
                                + String.join(", ", tools.keySet()));
            }
            if (!selected.contains(tool)) {
                selected.add(tool);
            }
        }
        return selected;
    }

    /**
     * The {@code toolConfig} for a request: the tools it named (or all allowed ones) and its
     * {@code toolChoice} ({@code auto} by default, {@code any}, or one of those tools by name).
     */
    public ToolOptions offer(
            Optional<List<String>> requested, Optional<String> toolChoice, ModelSpec model) {
        List<Tool> selected = select(requested);
        if (selected.isEmpty()) {
            throw ParleyException.validation("tools must name at least one tool");
        }
        ToolOptions.Choice choice =
                toolChoice
                        .map(
                                value ->
                                        switch (value) {
                                            case "auto" -> ToolOptions.Choice.AUTO;
                                            case "any" -> ToolOptions.Choice.ANY;
                                            default -> {
                                                if (selected.stream()
                                                        .noneMatch(
                                                                tool ->
                                                                        tool.name()
                                                                                .equals(value))) {
                                                    throw ParleyException.validation(
                                                            "toolChoice must be auto, any or one of the offered tools ("
                                                                    + String.join(
                                                                            ", ",
                                                                            selected.stream()
                                                                                    .map(Tool::name)
                                                                                    .toList())
                                                                    + "), got '"
                                                                    + value
                                                                    + "'");
                                                }
                                                yield ToolOptions.Choice.tool(value);
                                            }
                                        })
                        .orElse(ToolOptions.Choice.AUTO);
        return new ToolOptions(selected.stream().map(ToolRegistry::definition).toList(), choice);
    }

    public static ToolOptions.Definition definition(Tool tool) {
        return new ToolOptions.Definition(tool.name(), tool.description(), tool.inputSchema());
    }
}
