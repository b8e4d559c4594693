package dev.parley.auth;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;

/**
 * Verifies a bearer JWT the way API Gateway's JWT authorizer does: signature against the issuer's
 * published keys (found by OIDC discovery unless {@code parley.auth.jwt.jwks-url} names them,
 * fetched once and cached), issuer, audience (or {@code client_id}), expiry. The caller is the
 * token's {@code sub}. A failed discovery refuses the token and is tried again on the next one.
 */
@ApplicationScoped
public class JwtVerifier {
    private static final Logger LOG = Logger.getLogger(JwtVerifier.class);

    private final JwtSettings settings;
    private final OidcDiscovery discovery;
    private volatile JwtConsumer consumer;

    JwtVerifier(JwtSettings settings, OidcDiscovery discovery) {
        this.settings = settings;
        this.discovery = discovery;
    }

    /** The token's subject when the token is valid; empty otherwise (the reason is logged, not returned). */
    public Optional<String> subject(String token) {
        return verify(token).map(VerifiedToken::subject);
    }

    /** A valid token's subject and its claims as JSON (for an admin claim); empty for any other token. */
    public record VerifiedToken(String subject, String claimsJson) {}

    public Optional<VerifiedToken> verify(String token) {
        if (token == null || token.isBlank() || settings.issuer().isEmpty()) {
            return Optional.empty();
        }
        JwtConsumer verifier;
        try {
            verifier = consumer();
        } catch (IOException e) {
            LOG.warnf(
                    "JWT refused: the issuer's signing keys cannot be located: %s", e.getMessage());
            return Optional.empty();
        }
        try {
            JwtClaims claims = verifier.processToClaims(token);
            if (!audienceMatches(claims)) {
                LOG.info("JWT refused: neither aud nor client_id is the expected audience");
                return Optional.empty();
            }
            return Optional.ofNullable(claims.getSubject())
                    .filter(sub -> !sub.isBlank())
                    .map(sub -> new VerifiedToken(sub, claims.toJson()));
        } catch (InvalidJwtException e) {
            // Never e.getMessage(): jose4j puts the token's whole claims JSON (email, name, sub) in
            // it.
            LOG.infof("JWT refused: %s", reasons(e));
            return Optional.empty();
        } catch (MalformedClaimException e) {
            LOG.info("JWT refused: a claim has the wrong type");
            return Optional.empty();
        }
    }

    /** Why a token was refused, by jose4j's error codes only (their messages quote claim values). */
    static String reasons(InvalidJwtException e) {
        if (e.getErrorDetails() == null || e.getErrorDetails().isEmpty()) {
            return "invalid token";
        }
        return e.getErrorDetails().stream()
                .map(
                        detail ->
                                switch (detail.getErrorCode()) {
                                    case ErrorCodes.EXPIRED -> "expired";
                                    case ErrorCodes.NOT_YET_VALID,
                                            ErrorCodes.ISSUED_AT_INVALID_FUTURE ->
                                            "not yet valid";
                                    case ErrorCodes.ISSUER_INVALID, ErrorCodes.ISSUER_MISSING ->
                                            "wrong or missing issuer";
                                    case ErrorCodes.SIGNATURE_INVALID,
                                            ErrorCodes.SIGNATURE_MISSING ->
                                            "bad signature";
                                    case ErrorCodes.SUBJECT_MISSING -> "no subject";
                                    case ErrorCodes.EXPIRATION_MISSING -> "no expiry";
                                    case ErrorCodes.JSON_INVALID, ErrorCodes.MISCELLANEOUS ->
                                            "malformed token";
                                    default -> "error code " + detail.getErrorCode();
                                })
                .distinct()
                .reduce((a, b) -> a + ", " + b)
                .orElse("invalid token");
    }

    /** Like API Gateway: ID tokens carry the audience in {@code aud}, Cognito access tokens in {@code client_id}. */
    private boolean audienceMatches(JwtClaims claims) throws MalformedClaimException {
        if (settings.audience().isEmpty()) {
            return true;
        }
        String expected = settings.audience().get();
        List<String> audiences = claims.hasAudience() ? claims.getAudience() : List.of();
        return audiences.contains(expected)
                || expected.equals(claims.getClaimValueAsString("client_id"));
    }

    private JwtConsumer consumer() throws IOException {
        JwtConsumer current = consumer;
        if (current == null) {
            synchronized (this) {
                if (consumer == null) {
                    String issuer = settings.issuer().orElseThrow();
                    URI jwks =
                            settings.jwksUrl().isPresent()
                                    ? settings.jwksUrl().get()
                                    : discovery.jwksUri(issuer);
                    LOG.infof("JWT signing keys of %s: %s", issuer, jwks);
                    consumer =
                            new JwtConsumerBuilder()
                                    .setRequireExpirationTime()
                                    .setRequireSubject()
                                    .setExpectedIssuer(issuer)
                                    // Audience is checked above, because Cognito access tokens have
                                    // none.
                                    .setSkipDefaultAudienceValidation()
                                    .setAllowedClockSkewInSeconds(
                                            (int) settings.clockSkew().toSeconds())
                                    .setVerificationKeyResolver(
                                            new HttpsJwksVerificationKeyResolver(
                                                    new HttpsJwks(jwks.toString())))
                                    .build();
                }
                current = consumer;
            }
        }
        return current;
    }
}
