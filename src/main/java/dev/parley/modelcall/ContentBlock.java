package dev.parley.modelcall;

import com.fasterxml.jackson.databind.JsonNode;

/** A piece of a message, shaped as in the Converse API. */
public sealed interface ContentBlock {

    record Text(String text) implements ContentBlock {}

    /** The model asks for a tool to be run with {@code input}. */
    record ToolUse(String toolUseId, String name, JsonNode input) implements ContentBlock {}

    /**
     * The answer to a {@link ToolUse}: {@code content} is a Converse tool-result content list
     * ({@code [{"text": ...}]} or {@code [{"json": {...}}]}); {@code status} is success or error.
     */
    record ToolResult(String toolUseId, Status status, JsonNode content) implements ContentBlock {
        public enum Status {
            SUCCESS,
            ERROR
        }
    }

    /** A document for the model to read (PDF, DOCX, ...). {@code format} is Bedrock's DocumentFormat value. */
    record Document(String format, String name, byte[] bytes) implements ContentBlock {}

    /** An image for a model with vision. {@code format} is Bedrock's ImageFormat value (png, jpeg, gif, webp). */
    record Image(String format, byte[] bytes) implements ContentBlock {}

    /**
     * The model's reasoning ({@code reasoningContent.reasoningText}). {@code signature} is set by
     * models that sign their thinking (Claude); Bedrock requires it back unchanged when the block is
     * replayed inside a tool loop, so it is stored with the text.
     */
    record Reasoning(String text, String signature) implements ContentBlock {}

    /** Reasoning the provider encrypted ({@code reasoningContent.redactedContent}): kept only to be replayed. */
    record RedactedReasoning(byte[] data) implements ContentBlock {}
}
