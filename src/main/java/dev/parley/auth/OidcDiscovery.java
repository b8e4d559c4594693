package dev.parley.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import org.jose4j.http.Get;
import org.jose4j.http.SimpleResponse;

/**
 * Finds an issuer's signing keys the way API Gateway's JWT authorizer does: the {@code jwks_uri} of
 * its OpenID Connect discovery document, {@code {issuer}/.well-known/openid-configuration}. Identity
 * providers publish their keys at different paths (Cognito at {@code /.well-known/jwks.json}, Auth0
 * likewise, Keycloak under {@code /protocol/openid-connect/certs}, Entra ID under
 * {@code /discovery/v2.0/keys}), so guessing one path would accept tokens on one API and not the other.
 */
@ApplicationScoped
public class OidcDiscovery {
    /** Where discovery documents are, below the issuer URL (OpenID Connect Discovery 1.0). */
    public static final String WELL_KNOWN = "/.well-known/openid-configuration";

    private final ObjectMapper mapper;

    OidcDiscovery(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * The issuer's {@code jwks_uri}.
     *
     * @throws IOException when the document cannot be read, or does not name this issuer and a key set
     */
    public URI jwksUri(String issuer) throws IOException {
        String location = issuer.replaceAll("/+$", "") + WELL_KNOWN;
        Get get = new Get();
        get.setConnectTimeout(2000);
        get.setReadTimeout(2000);
        // No retries inside one authorizer call (API Gateway waits for it); the next token tries
        // again.
        get.setRetries(0);
        SimpleResponse response = get.get(location);
        if (response.getStatusCode() != 200) {
            throw new IOException(location + " answered HTTP " + response.getStatusCode());
        }
        JsonNode document = mapper.readTree(response.getBody());
        // OpenID Connect Discovery 1.0, section 4.3: the document's issuer must be the one asked
        // for.
        if (!issuer.equals(document.path("issuer").asText(null))) {
            throw new IOException(
                    location
                            + " names issuer '"
                            + document.path("issuer").asText("")
                            + "', not '"
                            + issuer
                            + "'");
        }
        JsonNode jwksUri = document.path("jwks_uri");
        if (!jwksUri.isTextual() || jwksUri.asText().isBlank()) {
            throw new IOException(location + " has no jwks_uri");
        }
        return URI.create(jwksUri.asText());
    }
}
