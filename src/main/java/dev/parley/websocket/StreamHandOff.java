package dev.parley.websocket;

import dev.parley.error.ParleyException;

/**
 * Starts the stream of a chat turn in another invocation, so the invocation that received the
 * WebSocket message can answer API Gateway at once (its integration times out after 29 s; a
 * stream may take minutes). The adapter ({@code handoff.LambdaStreamHandOff}) invokes the stream
 * function asynchronously.
 */
public interface StreamHandOff {

    /**
     * Hands the turn to {@code function}; returns once the stream is queued, not when it ends.
     *
     * @throws ParleyException when the turn could not be handed off, with a code and message that
     *     say why (throttled, the function is missing or may not be invoked, the turn is too large)
     */
    void handOff(String function, ChatHandOff turn);
}
