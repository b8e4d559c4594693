package dev.parley.chat;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How much history a turn sends to the model. */
@ConfigMapping(prefix = "parley.chat")
public interface ChatSettings {

    /** Most stored messages read and sent per turn (the Query's Limit): bounds the cost of a turn. */
    @WithDefault("40")
    int windowMessages();

    /**
     * Most characters of history sent per turn (about 4 characters a token), so long turns cannot
     * push a conversation past a model's context window.
     */
    @WithDefault("60000")
    int windowChars();

    /** {@code maxTokens} when the request sets none (capped to the model's limit). */
    @WithDefault("1024")
    int defaultMaxTokens();

    /** Longest conversation title, taken from the first message. */
    @WithDefault("80")
    int titleChars();
}
