package dev.parley.openai;

import dev.parley.bedrock.StructuredOutputModels;
import dev.parley.modelcall.ModelSpec;
import dev.parley.modelcall.ToolOptions;

/**
 * A tool's {@code strict} as Bedrock's {@code toolSpec.strict}, on the models that take it (the
 * feature matrix's structuredOutput column). Elsewhere it is dropped rather than refused: the
 * model still gets the schema, and clients such as Codex send strict with every tool.
 */
public final class StrictTools {

    private StrictTools() {}

    public static ToolOptions.Definition forModel(ToolOptions.Definition tool, ModelSpec model) {
        return tool.strict() && !StructuredOutputModels.supports(model)
                ? new ToolOptions.Definition(
                        tool.name(), tool.description(), tool.inputSchema(), false)
                : tool;
    }
}
