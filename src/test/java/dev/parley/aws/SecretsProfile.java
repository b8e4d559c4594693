package dev.parley.aws;

import dev.parley.local.LocalSecretsManager;
import dev.parley.local.StandIns;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The deployed way of reading secrets: the bootstrap admin key and the Responses reasoning secret
 * named by ARN, read through the SDK's Secrets Manager client from a stand-in on a free port.
 */
public class SecretsProfile implements QuarkusTestProfile {
    static final String BOOTSTRAP_SECRET = "SecretsManagerBootstrap0123456789abcdefXYZ";
    static final String REASONING_SECRET = "reasoning-secret-from-secrets-manager-0123456789";
    static final String REASONING_NAME = "parley/responses-reasoning";

    /** Read only by the reader's own test, so the other tests' read counts are theirs alone. */
    static final String OTHER_NAME = "parley/other";

    static final String OTHER_SECRET = "  other-secret-text\n";

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Resource.class));
    }

    /** Starts the stand-in and stores both secrets; {@link #secrets} is the running one. */
    public static class Resource implements QuarkusTestResourceLifecycleManager {
        static volatile LocalSecretsManager secrets;
        static volatile String bootstrapArn;

        @Override
        public Map<String, String> start() {
            try {
                secrets = LocalSecretsManager.start("127.0.0.1", 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            bootstrapArn = secrets.put("parley/bootstrap-admin-key", BOOTSTRAP_SECRET);
            secrets.put(REASONING_NAME, REASONING_SECRET);
            secrets.put(OTHER_NAME, OTHER_SECRET);
            return Map.of(
                    "parley.secrets.endpoint-override",
                    secrets.endpoint().toString(),
                    "parley.secrets.region",
                    StandIns.REGION,
                    "parley.secrets.credentials.type",
                    "static",
                    "parley.secrets.credentials.access-key-id",
                    StandIns.ACCESS_KEY,
                    "parley.secrets.credentials.secret-access-key",
                    StandIns.SECRET_KEY,
                    // The template passes the ARN of one and, here, the name of the other:
                    // GetSecretValue takes both.
                    "parley.keys.bootstrap-secret-arn",
                    bootstrapArn,
                    "parley.responses.reasoning-secret-arn",
                    REASONING_NAME);
        }

        @Override
        public void stop() {
            if (secrets != null) {
                secrets.close();
            }
        }
    }
}
