package dev.parley.keys;

import dev.parley.error.ErrorCode;
import dev.parley.error.ParleyException;
import dev.parley.http.HttpRequest;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a request presents to prove who it is: a Parley key ({@code pk_...}) in
 * {@code Authorization: Bearer} (OpenAI SDKs, Codex, curl) or {@code x-api-key} (Anthropic SDKs,
 * Claude Code), or another bearer token (a JWT). Other {@code Authorization} schemes (IAM's
 * SigV4, Basic) are not ours to read. Refused here, before any lookup: two different credentials
 * in the two headers, and a key in the query string (URLs end up in access logs).
 */
sealed interface PresentedCredential {

    /** Something that claims to be a Parley key (it starts with {@code pk_} or came as x-api-key). */
    record Key(String secret) implements PresentedCredential {
        @Override
        public String toString() {
            return "Key[secret hidden]";
        }
    }

    /** A bearer token that is not a Parley key (a JWT, or an SDK's placeholder in a local run). */
    record OtherToken(String token) implements PresentedCredential {
        @Override
        public String toString() {
            return "OtherToken[hidden]";
        }
    }

    record None() implements PresentedCredential {}

    static PresentedCredential of(HttpRequest request) {
        refuseKeyInQuery(request.query());
        Optional<String> bearer =
                request.header("authorization").flatMap(PresentedCredential::bearer);
        Optional<String> apiKey = request.header("x-api-key");
        if (bearer.isPresent() && apiKey.isPresent() && !bearer.get().equals(apiKey.get())) {
            throw new ParleyException(
                    ErrorCode.UNAUTHORIZED,
                    "Authorization and x-api-key carry different credentials; send one key, in either header");
        }
        if (apiKey.isPresent()) {
            // x-api-key exists for keys alone; a placeholder there only works where keys are
            // optional.
            return KeySecrets.looksLikeKey(apiKey.get()) || apiKey.get().isBlank()
                    ? new Key(apiKey.get().strip())
                    : new OtherToken(apiKey.get());
        }
        if (bearer.isPresent()) {
            String token = bearer.get();
            return token.isEmpty() || KeySecrets.looksLikeKey(token)
                    ? new Key(token)
                    : new OtherToken(token);
        }
        return new None();
    }

    /**
     * The token of a {@code Bearer} Authorization header (scheme in any case, then any run of
     * spaces or tabs), or a bare key sent with no scheme at all; empty for other schemes. A Parley
     * key under another scheme ({@code Basic pk_...}) is refused rather than ignored: a presented
     * key is never anonymous.
     */
    private static Optional<String> bearer(String header) {
        String trimmed = header.strip();
        if (KeySecrets.looksLikeKey(trimmed)) {
            return Optional.of(trimmed);
        }
        int end = 0;
        while (end < trimmed.length() && !Character.isWhitespace(trimmed.charAt(end))) {
            end++;
        }
        String scheme = trimmed.substring(0, end);
        String token = trimmed.substring(end).strip();
        if (scheme.equalsIgnoreCase("bearer")) {
            return Optional.of(token);
        }
        if (KeySecrets.looksLikeKey(token)) {
            throw new ParleyException(
                    ErrorCode.UNAUTHORIZED,
                    "a Parley API key goes in Authorization: Bearer <key> (or x-api-key), not under"
                            + " another scheme");
        }
        return Optional.empty();
    }

    private static void refuseKeyInQuery(Map<String, String> query) {
        for (Map.Entry<String, String> parameter : query.entrySet()) {
            String name = parameter.getKey().toLowerCase(Locale.ROOT);
            if (KeySecrets.looksLikeKey(parameter.getValue().strip())
                    || name.equals("api_key")
                    || name.equals("apikey")
                    || name.equals("key")
                    || name.equals("token")
                    || name.equals("access_token")) {
                throw ParleyException.badRequest(
                        "API keys and tokens are not accepted in the query string of an HTTP"
                                + " route (URLs are logged): send Authorization: Bearer <key> or x-api-key: <key>; revoke a key"
                                + " that was sent in a URL");
            }
        }
    }
}
