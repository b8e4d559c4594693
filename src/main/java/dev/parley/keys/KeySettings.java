package dev.parley.keys;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** API keys: verification cache, the bootstrap admin key, self-service caps (see docs/keys.md). */
@ConfigMapping(prefix = "parley.keys")
public interface KeySettings {

    /**
     * How long an instance trusts a key it verified without asking DynamoDB again. It is the
     * revocation delay: a revoked (or changed) key keeps working on another instance for at most
     * this long. At most 60 s.
     */
    @WithDefault("30s")
    Duration cacheTtl();

    /**
     * Whether a bearer token that is not a Parley key is verified as a JWT by the function itself
     * (AuthMode=JWT_AND_KEYS: the HTTP API has no JWT authorizer then, because it would refuse keys).
     */
    @WithDefault("false")
    boolean verifyJwt();

    /**
     * The Secrets Manager secret (ARN or name) holding the bootstrap admin key's random part
     * (template.yaml generates it with AuthMode KEYS or JWT_AND_KEYS). The key is {@code pk_} followed
     * by the secret's text. Read once, on the first presentation of a key of that shape.
     */
    Optional<String> bootstrapSecretArn();

    /** The bootstrap key's random part given directly (local runs and tests; never on Lambda). */
    Optional<String> bootstrapSecret();

    /** Whom the bootstrap key acts as: the owner of what it creates and spends. */
    @WithDefault("admin")
    String bootstrapOwner();

    /** At most this many keys per owner (live, not yet revoked). */
    @WithDefault("50")
    int maxKeysPerOwner();

    /** Caps a non-admin's keys cannot exceed (an admin's keys may); each is off unless set. */
    Caps selfService();

    interface Caps {
        OptionalInt maxRpm();

        OptionalLong maxTpm();

        OptionalLong maxDailyTokens();

        Optional<BigDecimal> maxMonthlyUsd();
    }
}
