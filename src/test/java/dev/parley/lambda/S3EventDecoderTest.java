package dev.parley.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.documents.ObjectRef;
import dev.parley.testing.Lambda;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Decoding S3 notifications, SQS batches and EventBridge events (the fixtures in events/), without the function. */
class S3EventDecoderTest {
    private final S3EventDecoder decoder = new S3EventDecoder(new ObjectMapper());

    @Test
    void notificationKeyIsUrlDecoded() {
        ObjectNode event = Lambda.event("s3-object-created.json");
        // "Quarterly report Ü+€ 2026.txt": spaces are '+', a real plus is %2B, UTF-8 bytes are %XX.
        ((ObjectNode) event.at("/Records/0/s3/object"))
                .put("key", "uploads/alice/Quarterly+report+%C3%9C%2B%E2%82%AC+2026.txt");
        LambdaEvent.S3Objects decoded = decoder.objects(event);
        assertEquals(List.of(), decoded.skipped());
        ObjectRef ref = decoded.objects().get(0);
        assertEquals("uploads/alice/Quarterly report Ü+€ 2026.txt", ref.key());
        assertEquals("parley-documents", ref.bucket());
        assertEquals(Optional.of("0123456789abcdef0123456789abcdef"), ref.eTag());
        assertEquals(Optional.of("e:0123456789abcdef0123456789abcdef"), ref.versionToken());
        assertEquals(OptionalLong.of(412), ref.size());
        assertEquals(Optional.of(Instant.parse("2026-11-22T10:00:00Z")), ref.eventTime());
    }

    @Test
    void versionIdWinsOverEtagAndTheStringNullIsNoVersion() {
        ObjectNode event = Lambda.event("s3-object-created.json");
        ObjectNode object = (ObjectNode) event.at("/Records/0/s3/object");
        object.put("versionId", "3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY");
        assertEquals(
                Optional.of("v:3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY"),
                decoder.objects(event).objects().get(0).versionToken());
        object.put("versionId", "null");
        assertEquals(
                Optional.of("e:0123456789abcdef0123456789abcdef"),
                decoder.objects(event).objects().get(0).versionToken());
    }

    @Test
    void everyRecordIsDecodedAndBadOnesAreSkippedWithTheReason() {
        ObjectNode event = Lambda.event("s3-object-created.json");
        ArrayNode records = (ArrayNode) event.get("Records");
        ObjectNode removed =
                ((ObjectNode) records.get(0).deepCopy()).put("eventName", "ObjectRemoved:Delete");
        ObjectNode badKey = (ObjectNode) records.get(0).deepCopy();
        ((ObjectNode) badKey.at("/s3/object")).put("key", "uploads/alice/100%25%ZZ.txt");
        ObjectNode noBucket = (ObjectNode) records.get(0).deepCopy();
        ((ObjectNode) noBucket.at("/s3/bucket")).remove("name");
        ObjectNode second = (ObjectNode) records.get(0).deepCopy();
        ((ObjectNode) second.at("/s3/object")).put("key", "uploads/alice/second.md");
        records.add(removed).add(badKey).add(noBucket).add(second);

        LambdaEvent.S3Objects decoded = decoder.objects(event);
        assertEquals(
                List.of("uploads/alice/meeting notes.txt", "uploads/alice/second.md"),
                decoded.objects().stream().map(ObjectRef::key).toList());
        assertEquals(3, decoded.skipped().size(), decoded.skipped().toString());
        assertTrue(
                decoded.skipped()
                        .get(0)
                        .contains("Records[1]: ObjectRemoved:Delete is not an ObjectCreated"));
        assertTrue(
                decoded.skipped().get(1).contains("Records[2]")
                        && decoded.skipped().get(1).contains("URL encoding"));
        assertTrue(decoded.skipped().get(2).contains("Records[3]: no bucket name"));
    }

    @Test
    void eventBridgeObjectCreatedIsDecoded() {
        ObjectNode event = Lambda.event("eventbridge-object-created.json");
        assertTrue(S3EventDecoder.isEventBridge(event));
        ObjectRef ref = decoder.objects(event).objects().get(0);
        assertEquals("uploads/alice/meeting notes.txt", ref.key());
        assertEquals(Optional.of("IYV3p45BT0ac8hjHg1houSdS1a.Mro8e"), ref.versionId());
        assertEquals(Optional.of("0123456789abcdef0123456789abcdef"), ref.eTag());
        assertEquals(Optional.of(Instant.parse("2026-11-22T10:00:00Z")), ref.eventTime());
    }

    @Test
    void eventBridgeEventsOtherThanObjectCreatedAreSkipped() {
        ObjectNode event =
                Lambda.event("eventbridge-object-created.json")
                        .put("detail-type", "Object Deleted");
        LambdaEvent.S3Objects decoded = decoder.objects(event);
        assertEquals(List.of(), decoded.objects());
        assertEquals(
                List.of("EventBridge Object Deleted is not an Object Created event"),
                decoded.skipped());
    }

    @Test
    void sqsBatchKeepsEachMessageApart() {
        ObjectNode batch = Lambda.event("sqs-s3-notifications.json");
        ArrayNode records = (ArrayNode) batch.get("Records");
        records.add(
                ((ObjectNode) records.get(0).deepCopy())
                        .put("messageId", "not-json")
                        .put("body", "{oops"));
        records.add(
                ((ObjectNode) records.get(0).deepCopy())
                        .put("messageId", "test-event")
                        .put(
                                "body",
                                "{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Bucket\":\"parley-documents\"}"));
        ObjectNode sns =
                Lambda.JSON
                        .createObjectNode()
                        .put("Type", "Notification")
                        .put("Message", records.get(1).get("body").asText());
        records.add(
                ((ObjectNode) records.get(0).deepCopy())
                        .put("messageId", "via-sns")
                        .put("body", sns.toString()));
        records.add(
                ((ObjectNode) records.get(0).deepCopy())
                        .put("messageId", "eventbridge")
                        .put("body", Lambda.event("eventbridge-object-created.json").toString()));

        assertTrue(S3EventDecoder.isSqsBatch(batch));
        List<QueuedMessage> messages =
                decoder.sqsBatch(batch, Invocation.of(null, java.time.Duration.ofSeconds(29)))
                        .messages();
        assertEquals(6, messages.size());
        assertEquals("uploads/alice/first.txt", messages.get(0).objects().get(0).key());
        assertEquals("2e1424d4-f796-459a-8184-9c92662be6da", messages.get(0).messageId());
        assertEquals("uploads/alice/second.txt", messages.get(1).objects().get(0).key());
        assertEquals(Optional.of("the message body is not JSON"), messages.get(2).problem());
        assertEquals(List.of(), messages.get(3).objects());
        assertEquals(Optional.empty(), messages.get(3).problem());
        assertEquals("uploads/alice/second.txt", messages.get(4).objects().get(0).key());
        assertEquals(
                Optional.of("IYV3p45BT0ac8hjHg1houSdS1a.Mro8e"),
                messages.get(5).objects().get(0).versionId());
    }
}
