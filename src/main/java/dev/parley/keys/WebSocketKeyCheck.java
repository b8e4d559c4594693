package dev.parley.keys;

import dev.parley.auth.ApiKeyCheck;
import dev.parley.error.ParleyException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Keys for the WebSocket {@code $connect} authorizer: the same verifier, cache and refusals as HTTP. */
@ApplicationScoped
class WebSocketKeyCheck implements ApiKeyCheck {
    private final KeyVerifier verifier;

    WebSocketKeyCheck(KeyVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public boolean claims(String token) {
        return KeySecrets.looksLikeKey(token);
    }

    @Override
    public Optional<Principal> verify(String token) {
        try {
            ApiKey key = verifier.verify(token);
            return Optional.of(new Principal(key.owner(), key.id(), key.admin()));
        } catch (ParleyException refused) {
            return Optional.empty();
        }
    }
}
