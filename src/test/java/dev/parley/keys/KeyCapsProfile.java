package dev.parley.keys;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.HashMap;
import java.util.Map;

/** {@link KeysProfile} with one deployment cap: no self-service key above 500,000 tokens a minute. */
public class KeyCapsProfile implements QuarkusTestProfile {
    static final long DEPLOYMENT_MAX_TPM = 500_000;

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>(new KeysProfile().getConfigOverrides());
        overrides.put("parley.keys.self-service.max-tpm", Long.toString(DEPLOYMENT_MAX_TPM));
        return overrides;
    }
}
