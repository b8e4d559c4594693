package dev.parley.bedrock;

/**
 * Receives a ConverseStream as it arrives. Content blocks are numbered as Bedrock numbers them
 * ({@code contentBlockIndex}); every method has a no-op default so a listener takes what it shows.
 */
public interface StreamListener {

    default void text(String delta) {
    }

    default void reasoning(String delta) {
    }

    default void toolUseStart(int blockIndex, String toolUseId, String name) {
    }

    /** A piece of a tool use's input JSON; the pieces of one block concatenated are the whole input. */
    default void toolUseInput(int blockIndex, String partialJson) {
    }
}
