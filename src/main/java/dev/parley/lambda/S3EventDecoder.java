package dev.parley.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.documents.ObjectRef;
import dev.parley.websocket.LostTurn;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Turns S3 notifications ({@code Records[].s3}), SQS batches carrying them (directly or inside an
 * SNS envelope) and EventBridge "Object Created" events into {@link ObjectRef}s. Each of them may
 * also come wrapped in Lambda's on-failure destination record (under {@code requestPayload}): that
 * is how the failed-uploads queue holds them, and how they are redriven. The same record of a
 * WebSocket chat hand-off (the stream-failures queue) is a lost turn ({@link LostTurnDecoder}).
 * A record that cannot be read is skipped with the reason; the others are still decoded.
 */
@ApplicationScoped
class S3EventDecoder {
    /** The decoded objects of one notification, and why records were skipped; or a lost chat turn. */
    record Decoded(List<ObjectRef> objects, List<String> skipped, Optional<LostTurn> lostTurn) {
        Decoded(List<ObjectRef> objects, List<String> skipped) {
            this(objects, skipped, Optional.empty());
        }
    }

    /** The two formats spell the version fields differently. */
    private record Fields(String versionId, String eTag) {}

    private static final Fields NOTIFICATION = new Fields("versionId", "eTag");
    private static final Fields EVENTBRIDGE = new Fields("version-id", "etag");

    private final ObjectMapper mapper;

    S3EventDecoder(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    static boolean isNotification(JsonNode event) {
        return "aws:s3".equals(firstRecord(event).path("eventSource").asText());
    }

    static boolean isSqsBatch(JsonNode event) {
        return "aws:sqs".equals(firstRecord(event).path("eventSource").asText());
    }

    static boolean isEventBridge(JsonNode event) {
        return "aws.s3".equals(event.path("source").asText()) && event.has("detail-type");
    }

    /** Lambda's record of an asynchronous invocation that failed: the original event is its requestPayload. */
    static boolean isDestinationRecord(JsonNode event) {
        return event.path("requestPayload").isObject()
                && event.path("requestContext").path("functionArn").isTextual();
    }

    /** An on-failure record invoked directly (e.g. one message of the failed-uploads queue sent by hand). */
    LambdaEvent.S3Objects destinationRecord(JsonNode record) {
        JsonNode payload = record.path("requestPayload");
        if (isNotification(payload) || isEventBridge(payload)) {
            return objects(payload);
        }
        return new LambdaEvent.S3Objects(
                List.of(),
                List.of(
                        "requestPayload: the on-failure record does not carry an"
                                + " S3 event notification or EventBridge S3 event"));
    }

    LambdaEvent.S3Objects objects(JsonNode event) {
        Decoded decoded = isEventBridge(event) ? fromEventBridge(event) : fromNotification(event);
        return new LambdaEvent.S3Objects(decoded.objects(), decoded.skipped());
    }

    LambdaEvent.SqsBatch sqsBatch(JsonNode event, Invocation invocation) {
        List<QueuedMessage> messages = new ArrayList<>();
        for (JsonNode record : event.path("Records")) {
            String id = record.path("messageId").asText("");
            Optional<String> problem = Optional.empty();
            Decoded decoded = new Decoded(List.of(), List.of());
            try {
                decoded = fromBody(record.path("body").asText(""), invocation);
            } catch (IllegalArgumentException e) {
                problem = Optional.of(e.getMessage());
            }
            messages.add(
                    new QueuedMessage(
                            id, decoded.objects(), decoded.skipped(), problem, decoded.lostTurn()));
        }
        return new LambdaEvent.SqsBatch(messages);
    }

    /** An SQS message body: an S3 notification, an S3 test event, an SNS envelope, an EventBridge event, or Lambda's on-failure record of one. */
    private Decoded fromBody(String body, Invocation invocation) {
        JsonNode json;
        try {
            json = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the message body is not JSON");
        }
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("the message body is not a JSON object");
        }
        return fromJson(json, invocation);
    }

    private Decoded fromJson(JsonNode json, Invocation invocation) {
        if (LostTurnDecoder.carriesHandOff(json)) {
            // From the stream-failures queue: a chat turn the stream function never completed.
            LambdaEvent decoded = LostTurnDecoder.decode(json, invocation);
            if (decoded instanceof LambdaEvent.TurnLost lost) {
                return new Decoded(List.of(), List.of(), Optional.of(lost.lost()));
            }
            throw new IllegalArgumentException(
                    "the on-failure record's chat hand-off is malformed: "
                            + ((LambdaEvent.MalformedHandOff) decoded).problem());
        }
        if (isDestinationRecord(json)) {
            // Redriven from the failed-uploads queue: Lambda's on-failure record of the original
            // event.
            return fromJson(json.path("requestPayload"), invocation);
        }
        if ("s3:TestEvent".equals(json.path("Event").asText())) {
            // Sent once when a notification is configured; nothing to do.
            return new Decoded(List.of(), List.of("s3:TestEvent"));
        }
        if ("Notification".equals(json.path("Type").asText()) && json.path("Message").isTextual()) {
            return fromBody(json.path("Message").asText(), invocation);
        }
        if (isEventBridge(json)) {
            return fromEventBridge(json);
        }
        if (isNotification(json)) {
            return fromNotification(json);
        }
        throw new IllegalArgumentException("the message body is not an S3 event notification");
    }

    private Decoded fromNotification(JsonNode event) {
        Decoded decoded = new Decoded(new ArrayList<>(), new ArrayList<>());
        int index = 0;
        for (JsonNode record : event.path("Records")) {
            String where = "Records[" + index++ + "]";
            String name = record.path("eventName").asText("");
            if (!name.startsWith("ObjectCreated:")) {
                decoded.skipped()
                        .add(
                                where
                                        + ": "
                                        + (name.isEmpty() ? "no eventName" : name)
                                        + " is not an ObjectCreated event");
                continue;
            }
            JsonNode s3 = record.path("s3");
            add(
                    decoded,
                    where,
                    s3.path("bucket").path("name"),
                    s3.path("object"),
                    NOTIFICATION,
                    text(record, "eventTime"));
        }
        return decoded;
    }

    private Decoded fromEventBridge(JsonNode event) {
        String type = event.path("detail-type").asText();
        if (!"Object Created".equals(type)) {
            return new Decoded(
                    List.of(), List.of("EventBridge " + type + " is not an Object Created event"));
        }
        Decoded decoded = new Decoded(new ArrayList<>(), new ArrayList<>());
        JsonNode detail = event.path("detail");
        add(
                decoded,
                "detail",
                detail.path("bucket").path("name"),
                detail.path("object"),
                EVENTBRIDGE,
                text(event, "time"));
        return decoded;
    }

    private static void add(
            Decoded decoded,
            String where,
            JsonNode bucket,
            JsonNode object,
            Fields fields,
            Optional<String> time) {
        JsonNode key = object.path("key");
        if (!bucket.isTextual() || bucket.asText().isBlank()) {
            decoded.skipped().add(where + ": no bucket name");
            return;
        }
        if (!key.isTextual() || key.asText().isEmpty()) {
            decoded.skipped().add(where + ": no object key");
            return;
        }
        String decodedKey;
        try {
            // S3 sends keys form-URL-encoded, in notifications and EventBridge events alike:
            // '+' is a space and %XX are UTF-8 bytes ("my file ü.txt" arrives as
            // "my+file+%C3%BC.txt").
            decodedKey = URLDecoder.decode(key.asText(), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            decoded.skipped()
                    .add(
                            where
                                    + ": the object key '"
                                    + Clip.of(key.asText())
                                    + "' is not valid URL encoding");
            return;
        }
        JsonNode size = object.path("size");
        decoded.objects()
                .add(
                        new ObjectRef(
                                bucket.asText(),
                                decodedKey,
                                text(object, fields.versionId()),
                                text(object, fields.eTag()),
                                text(object, "sequencer"),
                                size.canConvertToLong()
                                        ? OptionalLong.of(size.asLong())
                                        : OptionalLong.empty(),
                                time.flatMap(S3EventDecoder::instant)));
    }

    private static Optional<Instant> instant(String value) {
        try {
            return Optional.of(Instant.parse(value));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    private static JsonNode firstRecord(JsonNode event) {
        return event.path("Records").path(0);
    }
}
