package dev.parley.tools;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** One tool run, as reported to the caller: {@code status} is {@code success} or {@code error}. */
@RegisterForReflection
public record ToolCall(
        String toolUseId,
        String name,
        JsonNode input,
        JsonNode output,
        String status,
        long durationMs) {}
