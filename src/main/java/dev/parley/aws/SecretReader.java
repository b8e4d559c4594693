package dev.parley.aws;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Optional;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * Reads a secret's text from Secrets Manager (GetSecretValue, the current version). The value is
 * never logged, nor put in an exception: a failure names the secret's id and AWS's error code only.
 * Callers keep what they derive from it (a hash, a key) rather than the text.
 */
@ApplicationScoped
public class SecretReader {
    private static final Logger LOG = Logger.getLogger(SecretReader.class);

    private final Instance<SecretsManagerClient> client;

    SecretReader(Instance<SecretsManagerClient> client) {
        this.client = client;
    }

    /**
     * The secret's text, stripped of surrounding white space (a secret pasted by hand may end in a
     * new line); empty when it could not be read, which is logged with {@code purpose}. Reading
     * again later may succeed (the secret or the permission to read it may be fixed meanwhile).
     */
    public Optional<String> read(String secretId, String purpose) {
        try {
            String text = client.get().getSecretValue(get -> get.secretId(secretId)).secretString();
            if (text == null || text.isBlank()) {
                LOG.errorf(
                        "the secret %s (%s) has no text value (SecretString); store the value as text",
                        secretId, purpose);
                return Optional.empty();
            }
            return Optional.of(text.strip());
        } catch (SecretsManagerException e) {
            LOG.errorf(
                    "the secret %s (%s) could not be read: %s (%d)%s",
                    secretId,
                    purpose,
                    e.awsErrorDetails() == null ? "error" : e.awsErrorDetails().errorCode(),
                    e.statusCode(),
                    e.statusCode() == 400
                            ? "; check the ARN and the function's secretsmanager:GetSecretValue permission"
                            : "");
            return Optional.empty();
        } catch (SdkException e) {
            LOG.errorf(
                    "the secret %s (%s) could not be read: %s",
                    secretId, purpose, e.getClass().getSimpleName());
            return Optional.empty();
        }
    }
}
