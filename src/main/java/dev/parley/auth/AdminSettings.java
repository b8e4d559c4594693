package dev.parley.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * Who is an administrator among JWT-authenticated callers: those whose token carries
 * {@code claim} with {@code value} (alone, or as one of a list, as Cognito's {@code cognito:groups}).
 * Admins manage any owner's API keys and read usage across owners. Without a value nobody is an
 * admin by token; the bootstrap key (keys/) still is.
 */
@ConfigMapping(prefix = "parley.auth.admin")
public interface AdminSettings {

    @WithDefault("cognito:groups")
    String claim();

    Optional<String> value();
}
