package dev.parley.playground;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.testing.Lambda;
import dev.parley.testing.Lambda.ProxyResult;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Outside the local run the setting is off, as on a deployed function: the playground's paths are unknown paths. */
@QuarkusTest
class PlaygroundDisabledTest {

    @Test
    void servesNothingUnlessTurnedOn() {
        for (String path :
                new String[] {
                    "/",
                    "/playground",
                    "/playground/",
                    "/playground/index.html",
                    "/playground/app.js"
                }) {
            ProxyResult result = Lambda.get(path);
            assertEquals(404, result.status(), path + ": " + result);
            assertEquals("not_found", result.errorCode(), path);
        }
    }
}
