package dev.parley.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Lambda;
import dev.parley.testing.Lambda.ProxyResult;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A route whose handler throws an unexpected RuntimeException, reached through the Lambda event
 * like any route: the caller gets a 500 {@code internal_error} in its protocol's error shape that
 * names the request id and nothing of the failure (no exception, message or stack trace), and the
 * log has the failure with its stack trace under that request id.
 */
@QuarkusTest
@TestProfile(UnexpectedFailureTest.Profile.class)
class UnexpectedFailureTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(FailingRoutes.ENABLED, "true");
        }
    }

    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler capture =
            new Handler() {
                @Override
                public void publish(LogRecord record) {
                    logged.add(record);
                }

                @Override
                public void flush() {}

                @Override
                public void close() {}
            };

    @BeforeEach
    void captureTheRoutersLog() {
        Logger.getLogger(Router.class.getName()).addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger(Router.class.getName()).removeHandler(capture);
    }

    @Test
    void parleysRoutesAnswerA500InternalErrorThatRevealsNothing() {
        ProxyResult result = Lambda.get(FailingRoutes.PATHS.get(0));
        assertEquals(500, result.status(), result.toString());
        assertEquals("internal_error", result.errorCode(), result.toString());
        String requestId = result.body().path("error").path("requestId").asText();
        assertFalse(requestId.isEmpty(), result.toString());
        assertTrue(
                result.errorMessage().contains(requestId),
                "the message names the request id: " + result);
        assertRevealsNothing(result);
        assertLoggedWithItsStackTrace(requestId);
    }

    @Test
    void theOpenAiEdgeAnswersItsOwn500Shape() {
        ProxyResult result = Lambda.get(FailingRoutes.PATHS.get(1));
        assertEquals(500, result.status(), result.toString());
        JsonNode error = result.body().path("error");
        assertEquals("server_error", error.path("type").asText(), result.toString());
        assertEquals("internal_error", error.path("code").asText(), result.toString());
        assertRevealsNothing(result);
        assertEquals(1, failuresLogged(), "the failure is logged once");
    }

    @Test
    void theAnthropicEdgeAnswersItsOwn500Shape() {
        ProxyResult result = Lambda.get(FailingRoutes.PATHS.get(2));
        assertEquals(500, result.status(), result.toString());
        assertEquals("error", result.body().path("type").asText(), result.toString());
        assertEquals(
                "api_error", result.body().path("error").path("type").asText(), result.toString());
        assertRevealsNothing(result);
        assertEquals(1, failuresLogged(), "the failure is logged once");
    }

    private static void assertRevealsNothing(ProxyResult result) {
        String answer = result.raw().toString();
        for (String leak :
                List.of(
                        "IllegalStateException",
                        FailingRoutes.SECRET,
                        "a bug reached",
                        "at dev.parley",
                        "Exception")) {
            assertFalse(answer.contains(leak), "the answer reveals '" + leak + "': " + answer);
        }
    }

    private void assertLoggedWithItsStackTrace(String requestId) {
        List<LogRecord> failures = logged.stream().filter(r -> r.getThrown() != null).toList();
        assertEquals(1, failures.size(), "one logged failure: " + failures);
        LogRecord failure = failures.get(0);
        assertTrue(
                failure.getLevel().intValue() >= Level.SEVERE.intValue(),
                "logged as an error: " + failure.getLevel());
        assertTrue(
                failure.getThrown() instanceof IllegalStateException,
                String.valueOf(failure.getThrown()));
        assertTrue(
                failure.getThrown().getMessage().contains(FailingRoutes.SECRET),
                "the log keeps the detail");
        String message = formatted(failure);
        assertTrue(message.contains(requestId), "the log line names the request id: " + message);
        assertNotNull(failure.getThrown().getStackTrace());
    }

    private long failuresLogged() {
        return logged.stream().filter(r -> r.getThrown() instanceof IllegalStateException).count();
    }

    private static String formatted(LogRecord record) {
        Object[] parameters = record.getParameters();
        return parameters == null
                ? record.getMessage()
                : String.format(record.getMessage(), parameters);
    }
}
