package dev.parley.tools;

import dev.parley.identity.Caller;
import java.time.Instant;

/** What a tool may know about the request it serves: who asked, and when it must be done. */
public record ToolContext(Caller identity, Instant deadline) {

    /** The caller's id: tools act on the caller's own data only. */
    public String caller() {
        return identity.id();
    }
}
