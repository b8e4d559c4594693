package dev.parley.tools;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A tool the model may call. Adding a tool is adding one {@code @ApplicationScoped} class that
 * implements this; the registry finds it, and it is offered when allow-listed.
 */
public interface Tool {

    /** The name the model uses ({@code [a-zA-Z0-9_-]+}, as Bedrock requires). */
    String name();

    /** Tells the model when to use the tool; models choose tools by this text. */
    String description();

    /** JSON Schema of the input; sent to the model in {@code toolSpec} and enforced before {@link #execute}. */
    JsonNode inputSchema();

    /**
     * Runs the tool on input that already satisfies the schema. Throw {@link ToolException} with a
     * message for the model when the tool cannot do its job; any other exception is reported to the
     * model as an internal tool failure.
     *
     * @return the result, fed back to the model as a JSON tool result
     */
    JsonNode execute(JsonNode input, ToolContext context);
}
