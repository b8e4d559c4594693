package dev.parley.auth;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/**
 * The WebSocket API's Lambda REQUEST authorizer on {@code $connect} (API Gateway WebSocket APIs
 * cannot use JWT authorizers). It checks the same JWT as the HTTP API, passed as
 * {@code ?token=} because browsers cannot set headers on a WebSocket, and answers an IAM policy whose
 * {@code principalId} is the token's {@code sub}: later events of the connection carry it as the
 * caller, so a user is the same on both APIs.
 */
@ApplicationScoped
public class WebSocketAuthorizer {
    private final JwtVerifier verifier;
    private final ApiKeyCheck keys;

    WebSocketAuthorizer(JwtVerifier verifier, ApiKeyCheck keys) {
        this.verifier = verifier;
        this.keys = keys;
    }

    /** Allows a valid Parley key ({@code ?token=pk_...}) as its owner, or a valid JWT as its subject. */
    public Map<String, Object> authorize(String token, String methodArn) {
        if (token != null && keys.claims(token)) {
            return keys.verify(token)
                    .map(
                            key ->
                                    policy(
                                            key.owner(),
                                            "Allow",
                                            methodArn,
                                            Map.of(
                                                    "userId",
                                                    key.owner(),
                                                    "keyId",
                                                    key.keyId(),
                                                    "admin",
                                                    Boolean.toString(key.admin()))))
                    .orElseGet(
                            () ->
                                    policy(
                                            "anonymous",
                                            "Deny",
                                            methodArn,
                                            Map.of("userId", "anonymous")));
        }
        return verifier.subject(token)
                .map(sub -> policy(sub, "Allow", methodArn, Map.of("userId", sub)))
                .orElseGet(
                        () ->
                                policy(
                                        "anonymous",
                                        "Deny",
                                        methodArn,
                                        Map.of("userId", "anonymous")));
    }

    private static Map<String, Object> policy(
            String principal, String effect, String methodArn, Map<String, String> context) {
        return Map.of(
                "principalId", principal,
                "policyDocument",
                        Map.of(
                                "Version",
                                "2012-10-17",
                                "Statement",
                                List.of(
                                        Map.of(
                                                "Action",
                                                "execute-api:Invoke",
                                                "Effect",
                                                effect,
                                                "Resource",
                                                methodArn))),
                "context", context);
    }
}
