package dev.parley.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The JWT the WebSocket authorizer accepts: the same issuer and audience the HTTP API's JWT
 * authorizer checks (template.yaml passes both), so a caller is the same {@code sub} on both APIs.
 */
@ConfigMapping(prefix = "parley.auth.jwt")
public interface JwtSettings {

    /** Token issuer ({@code iss}); without it every token is refused. */
    Optional<String> issuer();

    /** Expected audience ({@code aud}, or Cognito access tokens' {@code client_id}). */
    Optional<String> audience();

    /**
     * Where the issuer publishes its signing keys. By default the {@code jwks_uri} of the issuer's
     * OIDC discovery document ({@code {issuer}/.well-known/openid-configuration}), as API Gateway's
     * JWT authorizer finds them.
     */
    Optional<URI> jwksUrl();

    @WithDefault("30s")
    Duration clockSkew();
}
