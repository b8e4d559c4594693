package dev.parley.tools;

import java.time.Instant;

/** What a tool may know about the request it serves: who asked, and when it must be done. */
public record ToolContext(String caller, Instant deadline) {
}
