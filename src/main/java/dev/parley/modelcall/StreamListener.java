package dev.parley.modelcall;

/**
 * Receives a ConverseStream as it arrives. Content blocks are numbered as Bedrock numbers them
 * ({@code contentBlockIndex}); every method has a no-op default so a listener takes what it shows.
 * The block-indexed methods ({@link #text(int, String)}, {@link #reasoning(int, String)}) default to
 * their index-free forms, so a listener that does not care which block a delta belongs to (the
 * OpenAI chunks, the WebSocket frames) implements only those; a protocol that numbers its blocks
 * (Anthropic's content_block events) implements the indexed ones and {@link #blockStop}.
 */
public interface StreamListener {

    default void text(String delta) {}

    default void reasoning(String delta) {}

    /** A text delta of content block {@code blockIndex}. */
    default void text(int blockIndex, String delta) {
        text(delta);
    }

    /** A reasoning delta of content block {@code blockIndex}. */
    default void reasoning(int blockIndex, String delta) {
        reasoning(delta);
    }

    /** The signature of reasoning block {@code blockIndex} (Claude signs its thinking; it goes back unchanged). */
    default void reasoningSignature(int blockIndex, String signature) {}

    /** Reasoning the provider encrypted ({@code redactedContent}): opaque, only to be replayed. */
    default void redactedReasoning(int blockIndex, byte[] data) {}

    default void toolUseStart(int blockIndex, String toolUseId, String name) {}

    /** A piece of a tool use's input JSON; the pieces of one block concatenated are the whole input. */
    default void toolUseInput(int blockIndex, String partialJson) {}

    /** Content block {@code blockIndex} is complete ({@code contentBlockStop}). */
    default void blockStop(int blockIndex) {}
}
