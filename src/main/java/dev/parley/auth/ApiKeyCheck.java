package dev.parley.auth;

import java.util.Optional;

/**
 * Verifies a Parley API key for the WebSocket authorizer (keys/ implements it; auth/ stays below
 * the features). A key's owner is the connection's caller, and its id travels in the authorizer
 * context so the connection's turns are limited and counted as the key's.
 */
public interface ApiKeyCheck {

    /** Whether {@code token} claims to be a Parley key (then it must be one). */
    boolean claims(String token);

    /** The key's owner and id if {@code token} is a valid key; empty otherwise. */
    Optional<Principal> verify(String token);

    record Principal(String owner, String keyId, boolean admin) {}
}
