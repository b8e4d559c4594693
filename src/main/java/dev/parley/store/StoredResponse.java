package dev.parley.store;

import java.time.Instant;

/**
 * A Responses API response kept for {@code previous_response_id} and {@code GET}: the response
 * object as the client saw it ({@code responseJson}) and the items a continuation reads before its
 * own input ({@code contextJson}: the earlier input items and this response's output, reasoning
 * sealed). Both are the edge's JSON, stored as opaque strings.
 */
public record StoredResponse(
        String id,
        String owner,
        String responseJson,
        String contextJson,
        Instant createdAt,
        Instant expiresAt) {}
