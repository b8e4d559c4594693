package dev.parley.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The request headers a browser may send to the streaming API come from the dialects that declare
 * them (Anthropic's SDKs send anthropic-version and anthropic-beta), not from a list in
 * streaming/.
 */
@QuarkusTest
class DialectHeadersTest {

    @Inject Dialects dialects;

    @Test
    void theAnthropicDialectDeclaresItsClientsHeaders() {
        assertEquals(List.of("anthropic-version", "anthropic-beta"), dialects.requestHeaders());
    }
}
