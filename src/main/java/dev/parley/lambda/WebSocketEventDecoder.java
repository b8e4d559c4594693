package dev.parley.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.websocket.ChatHandOff;
import dev.parley.websocket.WebSocketEvent;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Turns API Gateway WebSocket events into {@link WebSocketEvent}s. Every field is untrusted: the
 * domain name and stage become the URL frames are posted to (signed with the function's
 * credentials), so they must be a host name and a stage name, and nothing that could turn the
 * URL into another one; a connection id goes into that URL's path.
 */
final class WebSocketEventDecoder {
    /** A key's public id (keys/KeySecrets), or the bootstrap key's. */
    private static final Pattern KEY_ID = Pattern.compile("[a-z0-9]{16}|bootstrap");

    /** A DNS host name (API Gateway's or a custom domain), optionally with a port (the local gateway's). */
    private static final Pattern DOMAIN =
            Pattern.compile(
                    "(?=.{1,253}(:|$))[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*(?::[0-9]{1,5})?");

    /** API Gateway's stage names: letters, digits, hyphens and underscores, up to 128. */
    private static final Pattern STAGE = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    /** Connection ids are base64 (API Gateway) or base64url (the local gateway). */
    private static final Pattern CONNECTION_ID = Pattern.compile("[A-Za-z0-9+/=_-]{1,128}");

    /** A hand-off's own id: a UUID, as ParleyFunction makes it (it becomes a DynamoDB key). */
    private static final Pattern HAND_OFF_ID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** The Management API endpoint a hand-off names: exactly what {@link #decode} derives from an event. */
    private static final Pattern MANAGEMENT_ENDPOINT =
            Pattern.compile("https://(" + DOMAIN.pattern() + ")/(" + STAGE.pattern() + ")");

    private WebSocketEventDecoder() {}

    /** A chat turn handed off by another invocation: an object whose only field is the envelope. */
    static boolean isHandOff(JsonNode event) {
        return event.size() == 1 && event.path(ChatHandOff.ENVELOPE).isObject();
    }

    /**
     * Checks a hand-off as strictly as the WebSocket event it came from: only ParleyFunction may
     * invoke the stream function (IAM), but the fields still become a URL signed with the
     * function's credentials, a DynamoDB key and log lines.
     */
    static LambdaEvent decodeHandOff(JsonNode event, Invocation invocation) {
        JsonNode turn = event.path(ChatHandOff.ENVELOPE);
        if (!turn.path("version").isInt()
                || turn.path("version").intValue() != ChatHandOff.VERSION) {
            return new LambdaEvent.MalformedHandOff(
                    "version "
                            + Clip.of(turn.path("version").toString())
                            + " is not "
                            + ChatHandOff.VERSION);
        }
        String connectionId = EventFields.text(turn.path("connectionId"));
        if (connectionId == null || !CONNECTION_ID.matcher(connectionId).matches()) {
            return new LambdaEvent.MalformedHandOff("connectionId is not a connection id");
        }
        String endpoint = EventFields.text(turn.path("managementEndpoint"));
        if (endpoint == null || !MANAGEMENT_ENDPOINT.matcher(endpoint).matches()) {
            return new LambdaEvent.MalformedHandOff(
                    "managementEndpoint is not https://{domainName}/{stage}");
        }
        String caller = EventFields.text(turn.path("caller"));
        if (caller == null || !CallerIdentity.usable(caller)) {
            return new LambdaEvent.MalformedHandOff("caller is not a usable caller identity");
        }
        if (!turn.path("body").isTextual()) {
            return new LambdaEvent.MalformedHandOff("body is not the message text");
        }
        JsonNode handOffId = turn.path("handOffId");
        if (!handOffId.isMissingNode()
                && !(handOffId.isTextual()
                        && HAND_OFF_ID.matcher(handOffId.textValue()).matches())) {
            return new LambdaEvent.MalformedHandOff("handOffId is not a hand-off id");
        }
        String requestId = EventFields.requestId(turn, invocation);
        JsonNode handedOff = turn.path("handedOffAtEpochMillis");
        Instant handedOffAt =
                handedOff.canConvertToLong()
                        ? Instant.ofEpochMilli(handedOff.longValue())
                        : Instant.now();
        return new LambdaEvent.ChatStream(
                new WebSocketEvent(
                        WebSocketEvent.Kind.MESSAGE,
                        "chat",
                        connectionId,
                        turn.path("body").textValue(),
                        caller,
                        URI.create(endpoint),
                        requestId,
                        invocation.deadline(),
                        keyId(turn.path("keyId"))),
                handedOffAt,
                java.util.Optional.ofNullable(handOffId.textValue()));
    }

    static boolean isWebSocket(JsonNode event) {
        JsonNode context = event.path("requestContext");
        return context.hasNonNull("connectionId") && context.hasNonNull("eventType");
    }

    static LambdaEvent decode(JsonNode event, Invocation invocation) {
        JsonNode context = event.path("requestContext");
        String eventType = EventFields.text(context.path("eventType"));
        WebSocketEvent.Kind kind =
                switch (eventType == null ? "" : eventType) {
                    case "CONNECT" -> WebSocketEvent.Kind.CONNECT;
                    case "DISCONNECT" -> WebSocketEvent.Kind.DISCONNECT;
                    case "MESSAGE" -> WebSocketEvent.Kind.MESSAGE;
                    default -> null;
                };
        if (kind == null) {
            return new LambdaEvent.Unrecognized(
                    "WebSocket eventType '"
                            + Clip.of(context.path("eventType").toString())
                            + "' is not CONNECT, MESSAGE or DISCONNECT");
        }
        String requestId = EventFields.requestId(context, invocation);
        String connectionId = EventFields.text(context.path("connectionId"));
        if (connectionId == null || !CONNECTION_ID.matcher(connectionId).matches()) {
            return new LambdaEvent.MalformedWebSocket(
                    requestId, "requestContext.connectionId is not a connection id");
        }
        String domain = EventFields.text(context.path("domainName"));
        if (domain == null || !DOMAIN.matcher(domain).matches()) {
            return new LambdaEvent.MalformedWebSocket(
                    requestId, "requestContext.domainName is not a host name");
        }
        String stage = EventFields.text(context.path("stage"));
        if (stage == null || !STAGE.matcher(stage).matches()) {
            return new LambdaEvent.MalformedWebSocket(
                    requestId, "requestContext.stage is not a stage name");
        }
        String body = event.path("body").isTextual() ? event.path("body").textValue() : "";
        if (event.path("isBase64Encoded").asBoolean(false)) {
            try {
                body = new String(Base64.getMimeDecoder().decode(body), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                body = "";
            }
        }
        String caller = CallerIdentity.of(context);
        if (caller == null) {
            return new LambdaEvent.MalformedWebSocket(
                    requestId, "the authorizer context names an unusable caller identity");
        }
        String route = EventFields.text(context.path("routeKey"));
        // The Management API of a connection lives at https://{domainName}/{stage}; both were
        // checked above.
        URI management = URI.create("https://" + domain + "/" + stage);
        return new LambdaEvent.WebSocket(
                new WebSocketEvent(
                        kind,
                        route == null ? "$default" : Clip.of(route),
                        connectionId,
                        body,
                        caller,
                        management,
                        requestId,
                        invocation.deadline(),
                        keyId(context.at("/authorizer/keyId"))));
    }

    /** A key id as the authorizer (or the hand-off) passed it; anything else is no key. */
    private static java.util.Optional<String> keyId(JsonNode value) {
        return value.isTextual() && KEY_ID.matcher(value.textValue()).matches()
                ? java.util.Optional.of(value.textValue())
                : java.util.Optional.empty();
    }
}
