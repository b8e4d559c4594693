package dev.parley.documents;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.local.StandIns;
import dev.parley.testing.Lambda;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Uploads to the S3 stand-in and the S3 events announcing them, built from the fixtures in {@code events/}. */
public final class Uploads {
    public static final String BUCKET = StandIns.DOCUMENTS_BUCKET;

    private Uploads() {}

    /** Puts an object and answers its ETag, as S3 reports it in events (without quotes). */
    public static String put(S3Client s3, String key, String contentType, byte[] body) {
        String eTag =
                s3.putObject(
                                put -> {
                                    put.bucket(BUCKET).key(key);
                                    if (contentType != null) {
                                        put.contentType(contentType);
                                    }
                                },
                                RequestBody.fromBytes(body))
                        .eTag();
        return eTag.replace("\"", "");
    }

    public static String put(S3Client s3, String key, String contentType, String text) {
        return put(s3, key, contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A direct S3 notification for the object, its key form-URL-encoded as S3 sends it. */
    public static ObjectNode s3Event(String key, String eTag, long size) {
        ObjectNode event = Lambda.event("s3-object-created.json");
        ObjectNode object = (ObjectNode) event.at("/Records/0/s3/object");
        object.put("key", encode(key));
        object.put("eTag", eTag);
        object.put("size", size);
        return event;
    }

    public static ObjectNode eventBridge(String key, String eTag, long size) {
        ObjectNode event = Lambda.event("eventbridge-object-created.json");
        ObjectNode object = (ObjectNode) event.at("/detail/object");
        object.put("key", encode(key));
        object.put("etag", eTag);
        object.put("size", size);
        // The stand-in has no versioning: the version is told by its ETag.
        object.remove("version-id");
        return event;
    }

    /** S3's form URL encoding: '+' for a space, %XX for other bytes, '/' kept. */
    public static String encode(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }

    /** The function's answer to an event, with the status the mock event server gives it (500 when it threw). */
    public record Invocation(int status, JsonNode body) {}

    public static Invocation invoke(JsonNode event) {
        Response response =
                given().contentType("application/json").body(event.toString()).when().post();
        try {
            String raw = response.asString();
            return new Invocation(
                    response.statusCode(),
                    raw.isBlank() ? Lambda.JSON.nullNode() : Lambda.JSON.readTree(raw));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Lambda.ProxyResult get(String user, String key) {
        return Lambda.invoke(
                Lambda.as(user, Lambda.http("GET", "/v1/documents/" + pathEncode(key), null)));
    }

    public static Lambda.ProxyResult list(String user, String query) {
        return Lambda.invoke(Lambda.as(user, Lambda.http("GET", "/v1/documents" + query, null)));
    }

    /** A key as a client puts it in a path: each segment percent-encoded, '/' kept. */
    public static String pathEncode(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("%2F", "/");
    }
}
