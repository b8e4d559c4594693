package dev.parley.auth;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;

/**
 * Decides from a token's claims whether its caller is an admin ({@link AdminSettings}). The claims
 * come from API Gateway's authorizer context, where a list claim arrives flattened to text
 * ({@code "[admins developers]"}), or from a JWT the function verified itself.
 */
@ApplicationScoped
public class Admins {
    private final AdminSettings settings;

    Admins(AdminSettings settings) {
        this.settings = settings;
    }

    /** Whether {@code claims} (a JSON object of token claims, possibly missing) name an admin. */
    public boolean isAdmin(JsonNode claims) {
        if (settings.value().isEmpty() || claims == null || !claims.isObject()) {
            return false;
        }
        String expected = settings.value().get();
        JsonNode value = claims.get(settings.claim());
        if (value == null) {
            return false;
        }
        if (value.isArray()) {
            for (JsonNode item : value) {
                if (item.isTextual() && expected.equals(item.textValue())) {
                    return true;
                }
            }
            return false;
        }
        return value.isTextual() && listed(value.textValue(), expected);
    }

    private static boolean listed(String text, String expected) {
        String trimmed = text.strip();
        if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
            trimmed = trimmed.substring(1, trimmed.length() - 1);
        }
        return Arrays.stream(trimmed.split("[\\s,]+")).anyMatch(expected::equals);
    }
}
