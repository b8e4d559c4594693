package dev.parley.http;

import dev.parley.error.ErrorCode;
import dev.parley.error.ParleyException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Where the deployment requires an identity ({@code parley.http.require-identity}: AuthMode JWT,
 * KEYS or JWT_AND_KEYS), an anonymous caller gets 401 on every route but those open to anyone.
 * It runs after key authentication, so a valid key counts as an identity.
 */
@ApplicationScoped
class IdentityRequirement implements Admission.Check {
    static final int ORDER = 300;

    private final HttpSettings settings;

    IdentityRequirement(HttpSettings settings) {
        this.settings = settings;
    }

    @Override
    public int order() {
        return ORDER;
    }

    @Override
    public void check(Route route, HttpRequest request) {
        if (settings.requireIdentity() && request.isAnonymous() && !route.anonymousAllowed()) {
            throw new ParleyException(
                    ErrorCode.UNAUTHORIZED,
                    "this deployment requires an authenticated caller; send a valid token or API key"
                            + " (Authorization: Bearer ... or x-api-key: ...)");
        }
    }
}
