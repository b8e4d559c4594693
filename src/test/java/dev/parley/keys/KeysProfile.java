package dev.parley.keys;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Keys with an admin group and a bootstrap key, shared by the key tests (one Quarkus restart), and
 * a recorder of the DynamoDB calls on key items ({@link KeyTableCalls}).
 */
public class KeysProfile implements QuarkusTestProfile {
    static final String BOOTSTRAP_SECRET = "BootstrapSecretForTestsOnly0123456789abcdefXYZ";
    static final String BOOTSTRAP_KEY = "pk_" + BOOTSTRAP_SECRET;
    static final String ADMIN_GROUP = "parley-admins";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "parley.auth.admin.value",
                ADMIN_GROUP,
                "parley.keys.bootstrap-secret",
                BOOTSTRAP_SECRET,
                "parley.keys.bootstrap-owner",
                "root",
                "quarkus.dynamodb.interceptors",
                KeyTableCalls.class.getName());
    }
}
