package dev.parley.testing;

import dev.parley.local.StandIns;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Starts ephemeral stand-ins (Bedrock emulator, DynamoDB Local, S3Proxy) once for the whole test run. */
public class StandInsResource implements QuarkusTestResourceLifecycleManager {
    private StandIns standIns;

    @Override
    public Map<String, String> start() {
        standIns = StandIns.start(StandIns.Options.ephemeral());
        return standIns.functionConfig();
    }

    @Override
    public void stop() {
        if (standIns != null) {
            standIns.close();
        }
    }
}
