package dev.parley.aws;

import io.smallrye.config.WithDefault;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Credentials for the SDK clients Parley builds itself, configured the way the amazon-services extensions do. */
public final class AwsCredentials {
    private AwsCredentials() {}

    /** A {@code credentials} config group: {@code type} is {@code default} (env, profile, Lambda role) or {@code static}. */
    public interface Settings {
        @WithDefault("default")
        String type();

        Optional<String> accessKeyId();

        Optional<String> secretAccessKey();
    }

    public static AwsCredentialsProvider provider(Settings settings, String prefix) {
        return switch (settings.type()) {
            case "default" -> DefaultCredentialsProvider.builder().build();
            case "static" ->
                    StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(
                                    settings.accessKeyId()
                                            .orElseThrow(() -> missing(prefix, "access-key-id")),
                                    settings.secretAccessKey()
                                            .orElseThrow(
                                                    () -> missing(prefix, "secret-access-key"))));
            default ->
                    throw new IllegalStateException(
                            prefix
                                    + ".type must be 'default' or 'static', not '"
                                    + settings.type()
                                    + "'");
        };
    }

    private static IllegalStateException missing(String prefix, String key) {
        return new IllegalStateException(prefix + ".type=static needs " + prefix + "." + key);
    }
}
