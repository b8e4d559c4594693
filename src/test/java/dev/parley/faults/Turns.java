package dev.parley.faults;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.parley.testing.Lambda;
import dev.parley.testing.Lambda.ProxyResult;
import java.util.Map;

/** Chat turns as the fault tests send them, and what every failed answer must not contain. */
final class Turns {
    private Turns() {}

    /** {@code POST /v1/chat} as {@code user}: starts a conversation when {@code conversationId} is null. */
    static ProxyResult chat(String user, String conversationId, String message) {
        Map<String, Object> body =
                conversationId == null
                        ? Map.of("message", message)
                        : Map.of("conversationId", conversationId, "message", message);
        return Lambda.invoke(Lambda.as(user, Lambda.http("POST", "/v1/chat", body)));
    }

    static void assertNoStackTrace(ProxyResult result) {
        String raw = result.toString();
        assertFalse(
                raw.contains("\\tat ") || raw.contains("Exception:") || raw.contains(".java:"),
                "the answer carries a stack trace: " + raw);
    }
}
