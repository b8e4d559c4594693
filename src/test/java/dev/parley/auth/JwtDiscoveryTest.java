package dev.parley.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The WebSocket authorizer finds the issuer's keys as API Gateway's JWT authorizer does: through
 * the issuer's OIDC discovery document, here served (with the key set at a path no guess would
 * find) by a local HTTP server. Nothing leaves 127.0.0.1.
 */
class JwtDiscoveryTest {
    private static final String AUDIENCE = "parley-discovery";
    private static final String KEYS_PATH = "/protocol/openid-connect/certs";

    private HttpServer server;
    private RsaJsonWebKey key;
    private String issuer;

    /** The discovery document served, or null for 404. */
    private final AtomicReference<String> discoveryDocument = new AtomicReference<>();

    private final AtomicInteger discoveryRequests = new AtomicInteger();
    private final AtomicInteger keyRequests = new AtomicInteger();

    @BeforeEach
    void start() throws IOException, JoseException {
        key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId("discovered-key");
        byte[] jwks =
                new JsonWebKeySet(key)
                        .toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)
                        .getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/parley";
        server.createContext(
                "/realms/parley" + OidcDiscovery.WELL_KNOWN,
                exchange -> {
                    discoveryRequests.incrementAndGet();
                    String document = discoveryDocument.get();
                    byte[] body =
                            (document == null ? "{}" : document).getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(document == null ? 404 : 200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                });
        server.createContext(
                KEYS_PATH,
                exchange -> {
                    keyRequests.incrementAndGet();
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, jwks.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(jwks);
                    }
                });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String keysUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + KEYS_PATH;
    }

    private void serveDiscovery(String documentIssuer) {
        discoveryDocument.set(
                "{\"issuer\": \""
                        + documentIssuer
                        + "\", \"jwks_uri\": \""
                        + keysUrl()
                        + "\","
                        + " \"id_token_signing_alg_values_supported\": [\"RS256\"]}");
    }

    private JwtVerifier verifier(Optional<URI> jwksUrl) {
        JwtSettings settings =
                new JwtSettings() {
                    @Override
                    public Optional<String> issuer() {
                        return Optional.of(issuer);
                    }

                    @Override
                    public Optional<String> audience() {
                        return Optional.of(AUDIENCE);
                    }

                    @Override
                    public Optional<URI> jwksUrl() {
                        return jwksUrl;
                    }

                    @Override
                    public Duration clockSkew() {
                        return Duration.ofSeconds(30);
                    }
                };
        return new JwtVerifier(settings, new OidcDiscovery(new ObjectMapper()));
    }

    private String token(String sub) throws JoseException {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience(AUDIENCE);
        claims.setSubject(sub);
        claims.setExpirationTimeMinutesInTheFuture(5);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    @Test
    void keysAreFoundThroughTheIssuersDiscoveryDocument() throws JoseException {
        serveDiscovery(issuer);
        JwtVerifier verifier = verifier(Optional.empty());
        assertEquals(Optional.of("erin"), verifier.subject(token("erin")));
        assertEquals(Optional.of("finn"), verifier.subject(token("finn")));
        assertEquals(1, discoveryRequests.get(), "the discovery document is read once");
    }

    @Test
    void anExplicitKeySetUrlNeedsNoDiscovery() throws JoseException {
        // No discovery document at all: the override alone must do.
        JwtVerifier verifier = verifier(Optional.of(URI.create(keysUrl())));
        assertEquals(Optional.of("erin"), verifier.subject(token("erin")));
        assertEquals(0, discoveryRequests.get());
    }

    @Test
    void aDiscoveryDocumentOfAnotherIssuerIsNotTrusted() throws JoseException {
        serveDiscovery("https://someone-else.example");
        assertEquals(Optional.empty(), verifier(Optional.empty()).subject(token("erin")));
        // The document was read and then distrusted: its key set was never fetched. (A verifier
        // that never looked would pass the first assertion too.)
        assertTrue(discoveryRequests.get() >= 1, "the discovery document was read");
        assertEquals(
                0,
                keyRequests.get(),
                "the key set of a document naming another issuer is not fetched");
        // The same token is accepted once the document names the right issuer, so it was the issuer
        // that failed.
        serveDiscovery(issuer);
        assertEquals(Optional.of("erin"), verifier(Optional.empty()).subject(token("erin")));
    }

    @Test
    void aFailedDiscoveryRefusesTheTokenAndIsTriedAgainLater() throws JoseException {
        JwtVerifier verifier = verifier(Optional.empty());
        assertEquals(
                Optional.empty(), verifier.subject(token("erin")), "no discovery document yet");
        serveDiscovery(issuer);
        assertEquals(Optional.of("erin"), verifier.subject(token("erin")));
        assertEquals(2, discoveryRequests.get());
    }
}
