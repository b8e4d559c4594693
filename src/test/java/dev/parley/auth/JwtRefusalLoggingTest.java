package dev.parley.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

/** A refused token's claims (e-mail, name, subject) never reach the log: only why it was refused. */
@QuarkusTest
class JwtRefusalLoggingTest {

    @Test
    void anExpiredTokensClaimsAreNotLogged() {
        JwtClaims claims = WebSocketAuthorizerTest.claims("subject-7f3a9c");
        claims.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() - 3600));
        claims.setClaim("email", "alice.private@example.org");
        claims.setClaim("name", "Alice Private");
        String token = WebSocketAuthorizerTest.sign(claims, false);

        List<String> lines =
                captureWhile(
                        () -> {
                            JsonNode answer =
                                    WebSocketAuthorizerTest.authorizeHeader("Bearer " + token);
                            WebSocketAuthorizerTest.assertDecision(answer, "Deny", "anonymous");
                        });

        assertTrue(
                lines.stream().anyMatch(l -> l.contains("JWT refused: expired")), lines.toString());
        for (String line : lines) {
            assertFalse(
                    line.contains("alice.private")
                            || line.contains("Alice Private")
                            || line.contains("subject-7f3a9c"),
                    "claims in the log: " + line);
        }
    }

    private static List<String> captureWhile(Runnable action) {
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler handler =
                new Handler() {
                    @Override
                    public void publish(LogRecord record) {
                        Object[] parameters = record.getParameters();
                        String message = record.getMessage();
                        if (parameters != null) {
                            for (Object parameter : parameters) {
                                message += " " + parameter;
                            }
                        }
                        lines.add(message);
                    }

                    @Override
                    public void flush() {}

                    @Override
                    public void close() {}
                };
        Logger logger = Logger.getLogger("dev.parley.auth");
        logger.addHandler(handler);
        try {
            action.run();
        } finally {
            logger.removeHandler(handler);
        }
        return lines;
    }
}
