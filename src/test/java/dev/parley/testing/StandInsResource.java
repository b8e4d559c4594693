package dev.parley.testing;

import dev.parley.local.StandIns;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts ephemeral stand-ins (Bedrock emulator, DynamoDB Local, S3Proxy, ...) once for the whole
 * test run, and a test token issuer for the WebSocket authorizer.
 */
public class StandInsResource implements QuarkusTestResourceLifecycleManager {
    private StandIns standIns;
    private TestJwks jwks;

    @Override
    public Map<String, String> start() {
        standIns = StandIns.start(StandIns.Options.ephemeral());
        jwks = TestJwks.start();
        Map<String, String> config = new HashMap<>(standIns.functionConfig());
        config.putAll(jwks.config());
        return config;
    }

    @Override
    public void stop() {
        if (jwks != null) {
            jwks.close();
        }
        if (standIns != null) {
            standIns.close();
        }
    }
}
