package dev.parley.keys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.auth.Admins;
import dev.parley.auth.JwtVerifier;
import dev.parley.error.ErrorCode;
import dev.parley.error.ParleyException;
import dev.parley.http.Admission;
import dev.parley.http.HttpRequest;
import dev.parley.http.Route;
import dev.parley.identity.Caller;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The admission step that names the caller from what the request presents. A Parley key makes the
 * caller its owner (a presented key that is malformed, unknown, revoked or expired is 401, never
 * anonymous, whatever else the request carries). With {@code parley.keys.verify-jwt}
 * (AuthMode=JWT_AND_KEYS) any other bearer token must be a valid JWT. Otherwise a non-key token
 * is left alone: API Gateway's authorizer already judged it (AuthMode=JWT), or nothing requires
 * one (a local run, where SDKs insist on sending some key).
 *
 * <p>Cost: nothing for a request without a key or with a key verified recently on this instance;
 * one DynamoDB UpdateItem otherwise ({@link KeyVerifier}).
 */
@ApplicationScoped
class KeyAuthentication implements Admission {
    static final int ORDER = 200;

    private final KeyVerifier verifier;
    private final KeySettings settings;
    private final JwtVerifier jwt;
    private final Admins admins;
    private final ObjectMapper mapper;

    KeyAuthentication(
            KeyVerifier verifier,
            KeySettings settings,
            JwtVerifier jwt,
            Admins admins,
            ObjectMapper mapper) {
        this.verifier = verifier;
        this.settings = settings;
        this.jwt = jwt;
        this.admins = admins;
        this.mapper = mapper;
    }

    @Override
    public int order() {
        return ORDER;
    }

    @Override
    public Admitted admit(Route route, HttpRequest request) {
        PresentedCredential credential = PresentedCredential.of(request);
        if (credential instanceof PresentedCredential.Key key) {
            ApiKey verified = verifier.verify(key.secret());
            return Admitted.as(
                    request.withIdentity(
                            Caller.ofKey(verified.owner(), verified.id(), verified.admin())));
        }
        if (credential instanceof PresentedCredential.OtherToken other
                && settings.verifyJwt()
                && request.isAnonymous()) {
            JwtVerifier.VerifiedToken token =
                    jwt.verify(other.token())
                            .orElseThrow(
                                    () ->
                                            new ParleyException(
                                                    ErrorCode.UNAUTHORIZED,
                                                    "the bearer token is neither a Parley API key nor a valid token of the"
                                                            + " configured identity provider"));
            return Admitted.as(
                    request.withIdentity(
                            Caller.authenticated(token.subject(), Caller.Via.JWT, isAdmin(token))));
        }
        return Admitted.as(request);
    }

    private boolean isAdmin(JwtVerifier.VerifiedToken token) {
        try {
            return admins.isAdmin(mapper.readTree(token.claimsJson()));
        } catch (JsonProcessingException e) {
            return false;
        }
    }
}
