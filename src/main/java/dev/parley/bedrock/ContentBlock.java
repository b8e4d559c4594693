package dev.parley.bedrock;

/**
 * A piece of a message, shaped as in the Converse API. Only {@code text} for now; tool use and
 * tool results join this sealed family when tools arrive.
 */
public sealed interface ContentBlock {

    record Text(String text) implements ContentBlock {
    }
}
