package dev.parley.identity;

import java.util.Objects;
import java.util.Optional;

/**
 * Who is calling and how that was established: what every route and the model pipeline's stages
 * need to know about a request's identity, whatever proved it (an API Gateway authorizer, a JWT the
 * function verified, or a Parley API key).
 *
 * @param id the owner of everything the request touches: conversations, documents, usage
 * @param via how the identity was established
 * @param keyId the public id of the API key the request presented, when it presented one
 * @param admin whether the caller may manage other owners' keys and read usage across owners
 */
public record Caller(String id, Via via, Optional<String> keyId, boolean admin) {

    public static final String ANONYMOUS_ID = "anonymous";
    public static final Caller ANONYMOUS =
            new Caller(ANONYMOUS_ID, Via.NONE, Optional.empty(), false);

    /** How a caller's identity was established. */
    public enum Via {
        /** Nothing: no authorizer context and no key (local runs, AuthMode=NONE). */
        NONE,
        /** API Gateway's authorizer (JWT, IAM or Lambda authorizer context). */
        AUTHORIZER,
        /** A JWT the function verified itself (AuthMode=JWT_AND_KEYS). */
        JWT,
        /** A Parley API key. */
        KEY
    }

    public Caller {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(via, "via");
        keyId = keyId == null ? Optional.empty() : keyId;
    }

    /** A caller named by the authorizer context (or the function's own JWT check). */
    public static Caller authenticated(String id, Via via, boolean admin) {
        return ANONYMOUS_ID.equals(id) ? ANONYMOUS : new Caller(id, via, Optional.empty(), admin);
    }

    /** A caller who presented an API key: the key's owner, acting with the key's rights. */
    public static Caller ofKey(String owner, String keyId, boolean admin) {
        return new Caller(owner, Via.KEY, Optional.of(keyId), admin);
    }

    public boolean isAnonymous() {
        return via == Via.NONE;
    }
}
