package dev.parley.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * A token issuer for tests: an RSA key, its public JWKS served over HTTP (as an issuer's
 * {@code /.well-known/jwks.json}), and the private key in a file so tests in any class loader can
 * sign tokens with it.
 */
public final class TestJwks implements AutoCloseable {
    public static final String ISSUER = "https://issuer.parley.test";
    public static final String AUDIENCE = "parley-tests";
    public static final String KEY_FILE_PROPERTY = "parley-test.jwk-file";

    private final HttpServer server;
    private final Path keyFile;

    private TestJwks(HttpServer server, Path keyFile) {
        this.server = server;
        this.keyFile = keyFile;
    }

    public static TestJwks start() {
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId("test-key");
            Path file = Files.createTempFile("parley-test-jwk", ".json");
            Files.writeString(file, key.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE));
            byte[] jwks =
                    new JsonWebKeySet(key)
                            .toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)
                            .getBytes(StandardCharsets.UTF_8);
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
            server.createContext(
                    "/jwks.json",
                    exchange -> {
                        exchange.getResponseHeaders().set("Content-Type", "application/json");
                        exchange.sendResponseHeaders(200, jwks.length);
                        try (OutputStream out = exchange.getResponseBody()) {
                            out.write(jwks);
                        }
                    });
            server.start();
            return new TestJwks(server, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    public Map<String, String> config() {
        return Map.of(
                "parley.auth.jwt.issuer",
                ISSUER,
                "parley.auth.jwt.audience",
                AUDIENCE,
                "parley.auth.jwt.jwks-url",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json",
                KEY_FILE_PROPERTY,
                keyFile.toString());
    }

    /** A token signed with the test key (or, with {@code otherKey}, with a key the issuer never published). */
    public static String sign(Path keyFile, JwtClaims claims, boolean otherKey) {
        try {
            RsaJsonWebKey key =
                    otherKey
                            ? RsaJwkGenerator.generateJwk(2048)
                            : (RsaJsonWebKey) JsonWebKey.Factory.newJwk(Files.readString(keyFile));
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setKey(key.getPrivateKey());
            jws.setKeyIdHeaderValue("test-key");
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            return jws.getCompactSerialization();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
