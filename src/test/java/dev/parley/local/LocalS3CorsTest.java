package dev.parley.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The playground uploads from the browser straight into the local S3: a CORS preflight from a page
 * on a loopback origin is allowed, one from any other site is not (a page on the internet must not
 * write into a developer's local bucket).
 */
class LocalS3CorsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static S3Server s3;

    @BeforeAll
    static void start() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        s3 =
                S3Server.start(
                        "127.0.0.1",
                        port,
                        Files.createTempDirectory("parley-s3-cors").resolve("data"));
        LocalBuckets.create(s3.endpoint(), StandIns.DOCUMENTS_BUCKET);
    }

    @AfterAll
    static void stop() {
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void aLoopbackPageMayPutAnUpload() throws Exception {
        for (String origin : new String[] {"http://127.0.0.1:3000", "http://localhost:41234"}) {
            HttpResponse<String> preflight = preflight(origin);
            assertEquals(200, preflight.statusCode(), origin + ": " + preflight.body());
            assertEquals(
                    Optional.of(origin),
                    preflight.headers().firstValue("Access-Control-Allow-Origin"),
                    origin);
            assertTrue(
                    preflight
                            .headers()
                            .firstValue("Access-Control-Allow-Methods")
                            .orElse("")
                            .contains("PUT"),
                    preflight.headers().map().toString());
        }
    }

    @Test
    void anyOtherSiteMayNot() throws Exception {
        for (String origin :
                new String[] {
                    "https://example.com", "http://127.0.0.1.example.com", "http://192.168.1.5:3000"
                }) {
            HttpResponse<String> preflight = preflight(origin);
            assertTrue(
                    preflight.headers().firstValue("Access-Control-Allow-Origin").isEmpty(),
                    origin + ": " + preflight.headers().map());
        }
    }

    private static HttpResponse<String> preflight(String origin) throws Exception {
        URI object =
                URI.create(
                        s3.endpoint()
                                + "/"
                                + StandIns.DOCUMENTS_BUCKET
                                + "/uploads/alice/notes.txt");
        return HTTP.send(
                HttpRequest.newBuilder(object)
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", origin)
                        .header("Access-Control-Request-Method", "PUT")
                        .header("Access-Control-Request-Headers", "content-type")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
