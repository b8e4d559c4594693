package dev.parley.keys;

import dev.parley.aws.SecretReader;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;

/**
 * The first admin key, which exists before any key was created: {@code pk_} followed by the random
 * text template.yaml generates into Secrets Manager ({@code parley.keys.bootstrap-secret-arn}), or
 * given directly ({@code parley.keys.bootstrap-secret}, local runs and tests). It acts as
 * {@code parley.keys.bootstrap-owner} with admin rights and no limits. Only its hash is kept in memory.
 * Rotating the secret takes effect when instances next start.
 */
@ApplicationScoped
class BootstrapKey {
    static final String ID = "bootstrap";

    private final KeySettings settings;
    private final SecretReader secrets;
    private volatile Optional<String> hash;

    BootstrapKey(KeySettings settings, SecretReader secrets) {
        this.settings = settings;
        this.secrets = secrets;
    }

    /** The bootstrap key if {@code presentedHash} is its hash. */
    Optional<ApiKey> matching(String presentedHash) {
        return hash().filter(known -> KeySecrets.sameHash(known, presentedHash))
                .map(
                        known ->
                                new ApiKey(
                                        ID,
                                        settings.bootstrapOwner(),
                                        "bootstrap admin key",
                                        KeySecrets.PREFIX,
                                        known,
                                        Instant.EPOCH,
                                        Optional.empty(),
                                        Optional.empty(),
                                        KeyLimits.NONE,
                                        true));
    }

    private Optional<String> hash() {
        Optional<String> known = hash;
        if (known == null) {
            synchronized (this) {
                if (hash == null) {
                    Optional<String> loaded = load();
                    if (loaded == null) {
                        return Optional.empty();
                    }
                    hash = loaded;
                }
                known = hash;
            }
        }
        return known;
    }

    /** The hash, empty without a bootstrap key, or null when the secret could not be read (try again later). */
    private Optional<String> load() {
        if (settings.bootstrapSecret().isPresent()) {
            return Optional.of(
                    KeySecrets.hash(KeySecrets.PREFIX + settings.bootstrapSecret().get().strip()));
        }
        if (settings.bootstrapSecretArn().isEmpty()) {
            return Optional.empty();
        }
        // Not remembered when unreadable: the next presentation tries again (the secret or its
        // permission may be fixed).
        Optional<String> secret =
                secrets.read(settings.bootstrapSecretArn().get(), "the bootstrap admin key");
        return secret.isPresent()
                ? Optional.of(KeySecrets.hash(KeySecrets.PREFIX + secret.get()))
                : null;
    }
}
