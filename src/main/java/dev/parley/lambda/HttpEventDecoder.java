package dev.parley.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.auth.Admins;
import dev.parley.http.HttpRequest;
import dev.parley.identity.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns HTTP API 2.0, Function URL and REST API 1.0 events into {@link HttpRequest}s. Every field
 * is untrusted: a method that is not a method, or a path that is not a path, is answered 400
 * here, before any route sees it.
 */
@ApplicationScoped
class HttpEventDecoder {
    private final Admins admins;

    HttpEventDecoder(Admins admins) {
        this.admins = admins;
    }

    private static final Pattern METHOD = Pattern.compile("[A-Za-z]{1,16}");

    /** Percent-encoding that {@code URLDecoder} can decode: every {@code %} starts two hex digits. */
    private static final Pattern BAD_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");

    private static final int MAX_PATH_CHARS = 8192;

    LambdaEvent fromV2(JsonNode event, Invocation invocation) {
        JsonNode context = event.path("requestContext");
        String stage = EventFields.text(context.path("stage"));
        String path = EventFields.text(event.path("rawPath"));
        if (path == null) {
            path = EventFields.text(context.path("http").path("path"));
        }
        // On a named stage (not $default) HTTP API puts the stage name in front of rawPath.
        if (path != null
                && stage != null
                && !"$default".equals(stage)
                && path.startsWith("/" + stage + "/")) {
            path = path.substring(stage.length() + 1);
        }
        String rawQuery = EventFields.text(event.path("rawQueryString"));
        if (rawQuery != null && BAD_ESCAPE.matcher(rawQuery).find()) {
            // HTTP API passes such a query string on as it came; its parameters cannot be trusted.
            return new LambdaEvent.MalformedHttp(
                    EventFields.requestId(context, invocation),
                    "the query string '"
                            + Clip.of(rawQuery)
                            + "' is not valid URL encoding"
                            + " (every % must start two hex digits)");
        }
        return build(
                event,
                EventFields.text(context.path("http").path("method")),
                path,
                stringMap(event.path("queryStringParameters")),
                invocation);
    }

    LambdaEvent fromV1(JsonNode event, Invocation invocation) {
        return build(
                event,
                EventFields.text(event.path("httpMethod")),
                EventFields.text(event.path("path")),
                stringMap(event.path("queryStringParameters")),
                invocation);
    }

    private LambdaEvent build(
            JsonNode event,
            String method,
            String path,
            Map<String, String> query,
            Invocation invocation) {
        JsonNode context = event.path("requestContext");
        Map<String, String> headers = new HashMap<>();
        stringMap(event.path("headers"))
                .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        String requestId = EventFields.requestId(context, invocation);
        if (method == null || !METHOD.matcher(method).matches()) {
            return new LambdaEvent.MalformedHttp(
                    requestId, "the event's HTTP method is missing or not a method");
        }
        if (path == null) {
            path = "/";
        }
        if (!path.startsWith("/")
                || path.length() > MAX_PATH_CHARS
                || path.chars().anyMatch(Character::isISOControl)
                || BAD_ESCAPE.matcher(path).find()) {
            return new LambdaEvent.MalformedHttp(
                    requestId, "the request path '" + Clip.of(path) + "' is not a valid URL path");
        }
        String body;
        String bodyProblem = null;
        try {
            body = body(event);
        } catch (IllegalArgumentException e) {
            return new LambdaEvent.MalformedHttp(
                    requestId, "isBase64Encoded is true but the body is not valid base64");
        } catch (CharacterCodingException e) {
            // API Gateway passes bytes that are not text base64-encoded. Decoding them leniently
            // would
            // hand the routes U+FFFD replacement characters to summarize or store: refused instead.
            body = "";
            bodyProblem = "the request body is not valid UTF-8 text; send UTF-8 encoded JSON";
        }
        String caller = CallerIdentity.of(context);
        if (caller == null) {
            return new LambdaEvent.MalformedHttp(
                    requestId, "the authorizer context names an unusable caller identity");
        }
        Caller identity =
                HttpRequest.ANONYMOUS.equals(caller)
                        ? Caller.ANONYMOUS
                        : Caller.authenticated(
                                caller,
                                Caller.Via.AUTHORIZER,
                                admins.isAdmin(CallerIdentity.claims(context)));
        HttpRequest request =
                new HttpRequest(
                        method.toUpperCase(Locale.ROOT),
                        path,
                        headers,
                        query,
                        body,
                        identity,
                        requestId,
                        invocation.deadline(),
                        Map.of());
        return bodyProblem == null
                ? new LambdaEvent.Http(request)
                : new LambdaEvent.RefusedHttp(request, bodyProblem);
    }

    private static String body(JsonNode event) throws CharacterCodingException {
        JsonNode body = event.path("body");
        if (!body.isTextual()) {
            return "";
        }
        if (event.path("isBase64Encoded").asBoolean(false)) {
            byte[] bytes = Base64.getMimeDecoder().decode(body.textValue());
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        }
        return body.textValue();
    }

    private static Map<String, String> stringMap(JsonNode node) {
        Map<String, String> map = new HashMap<>();
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getValue().isValueNode() && !field.getValue().isNull()) {
                    map.put(field.getKey(), field.getValue().asText());
                }
            }
        }
        return map;
    }
}
