package dev.parley.structured;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.bedrock.StructuredOutputModels;
import dev.parley.error.ErrorCode;
import dev.parley.error.ParleyException;
import dev.parley.modelcall.ChatMessage;
import dev.parley.modelcall.ContentBlock;
import dev.parley.modelcall.ModelCall;
import dev.parley.modelcall.ModelReply;
import dev.parley.modelcall.OutputSchema;
import dev.parley.modelcall.ToolOptions;
import dev.parley.modelcall.Usage;
import dev.parley.pipeline.CallContext;
import dev.parley.pipeline.ModelPipeline;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a model call whose answer must be JSON of a requested shape, through the one pipeline.
 * Models whose feature-matrix row takes native structured output get {@code outputConfig.textFormat}
 * (Bedrock refuses a schema outside its supported subset with a 400, passed on as such); the others
 * get a forced tool call whose input schema is the requested schema, and the tool's input becomes
 * the answer's text. Either way the answer is validated against the schema; an answer that does not
 * match is asked for once more, then the call fails with {@code model_error} naming the mismatch.
 * An answer that is a call to one of the client's own tools is returned as it is.
 */
@ApplicationScoped
public class StructuredOutput {
    static final int ATTEMPTS = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ModelPipeline pipeline;

    StructuredOutput(ModelPipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** Whether {@code call}'s model answers {@code format} natively (else through a forced tool). */
    public static boolean isNative(ModelCall call, ResponseFormat format) {
        return format.kind() == ResponseFormat.Kind.JSON_SCHEMA
                && StructuredOutputModels.supports(call.model());
    }

    /**
     * The call's answer as JSON matching {@code format}. {@code field} names the request field the
     * format came from, for the 400 of a schema that is not one.
     */
    public ModelReply converse(
            CallContext context, ModelCall call, ResponseFormat format, String field) {
        SchemaCheck check = SchemaCheck.of(format.schema(), field);
        boolean nativeFormat = isNative(call, format);
        ModelCall shaped =
                nativeFormat
                        ? call.withOutputSchema(
                                Optional.of(
                                        new OutputSchema(
                                                format.name(),
                                                format.description(),
                                                format.schema())))
                        : forcedTool(call, format, field);
        String problem = "";
        Usage spent = Usage.NONE;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            ModelReply reply = pipeline.converse(context, shaped);
            spent = spent.plus(reply.usage());
            if (nativeFormat && "tool_use".equals(reply.stopReason())) {
                return reply; // the model called one of the client's tools: no final answer yet
            }
            Optional<JsonNode> answer =
                    nativeFormat ? parse(reply.text()) : toolInput(reply, toolName(format));
            if (answer.isEmpty()) {
                problem =
                        nativeFormat
                                ? "the answer was not JSON"
                                : "the model did not call the answer tool";
                continue;
            }
            List<String> problems = check.problems(answer.get());
            if (problems.isEmpty()) {
                return answered(reply, answer.get(), spent);
            }
            problem = String.join("; ", problems);
        }
        throw new ParleyException(
                ErrorCode.MODEL_ERROR,
                "model "
                        + call.model().alias()
                        + " did not produce JSON"
                        + " matching the requested schema in "
                        + ATTEMPTS
                        + " attempts ("
                        + problem
                        + "); simplify the"
                        + " schema or choose a model with native structured output (GET /v1/models)",
                Map.of(),
                null);
    }

    /** The call with the schema as the one tool the model must call. */
    private static ModelCall forcedTool(ModelCall call, ResponseFormat format, String field) {
        if (call.tools().isPresent()) {
            throw ParleyException.validation(
                    field
                            + " together with tools needs a model with native structured"
                            + " output ("
                            + call.model().alias()
                            + " has none; see docs/structured-outputs.md)");
        }
        if (call.reasoningBudget().isPresent()) {
            throw ParleyException.validation(
                    field
                            + " with reasoning needs a model with native structured output ("
                            + call.model().alias()
                            + " answers it with a forced tool call, which reasoning does not allow)");
        }
        if (!call.model().capabilities().tools()
                || !call.model().capabilities().toolChoice().contains("tool")) {
            throw ParleyException.validation(
                    field
                            + ": model "
                            + call.model().alias()
                            + " has neither native"
                            + " structured output nor a forced tool choice; choose another model (GET /v1/models)");
        }
        String name = toolName(format);
        ToolOptions.Definition tool =
                new ToolOptions.Definition(
                        name,
                        format.description()
                                .orElse(
                                        "Give your answer by calling this tool; its input is the answer."),
                        format.schema());
        return call.withTools(
                Optional.of(new ToolOptions(List.of(tool), ToolOptions.Choice.tool(name))));
    }

    /** A tool name Converse accepts ({@code [a-zA-Z0-9_-]{1,64}}) from the format's name. */
    static String toolName(ResponseFormat format) {
        String cleaned = format.name().replaceAll("[^a-zA-Z0-9_-]", "_");
        cleaned = cleaned.isEmpty() ? "answer" : cleaned;
        return cleaned.length() > 64 ? cleaned.substring(0, 64) : cleaned;
    }

    private static Optional<JsonNode> toolInput(ModelReply reply, String name) {
        return reply.message().content().stream()
                .filter(ContentBlock.ToolUse.class::isInstance)
                .map(ContentBlock.ToolUse.class::cast)
                .filter(use -> use.name().equals(name))
                .map(ContentBlock.ToolUse::input)
                .filter(input -> input != null)
                .findFirst();
    }

    private static Optional<JsonNode> parse(String text) {
        try {
            return text.isBlank() ? Optional.empty() : Optional.ofNullable(JSON.readTree(text));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The reply with the JSON as its only text (reasoning kept), ended as a final answer. */
    private static ModelReply answered(ModelReply reply, JsonNode answer, Usage spent) {
        List<ContentBlock> content = new ArrayList<>();
        reply.message().content().stream()
                .filter(
                        b ->
                                b instanceof ContentBlock.Reasoning
                                        || b instanceof ContentBlock.RedactedReasoning)
                .forEach(content::add);
        content.add(new ContentBlock.Text(answer.toString()));
        String stop = "tool_use".equals(reply.stopReason()) ? "end_turn" : reply.stopReason();
        return new ModelReply(
                        reply.model(),
                        new ChatMessage(ChatMessage.Role.ASSISTANT, content),
                        stop,
                        spent,
                        reply.latencyMs(),
                        reply.guardrail(),
                        reply.cached())
                .servedOn(reply.serviceTier())
                .answeredBy(reply.invokedModelId());
    }
}
