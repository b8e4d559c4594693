package dev.parley.bedrock;

import dev.parley.chat.ChatService;

/**
 * A deliberate upward import (the Bedrock adapter using the chat feature), for
 * {@code architecture/LayeringTest} to show that the layering rule fails on it. Test sources only;
 * nothing uses it.
 */
final class UpwardImportArchitectureFixture {
    private UpwardImportArchitectureFixture() {}

    static Class<?> upward() {
        return ChatService.class;
    }
}
