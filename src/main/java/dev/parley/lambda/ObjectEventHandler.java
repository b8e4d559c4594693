package dev.parley.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.documents.DocumentProcessor;
import dev.parley.documents.ObjectOutcome;
import dev.parley.websocket.WebSocketHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Answers S3 object events the way each source expects: an asynchronous S3 or EventBridge
 * invocation fails (so Lambda delivers it again) only when an object is worth retrying; an SQS
 * batch reports exactly the messages to deliver again in {@code batchItemFailures}. The same
 * batches carry Lambda's records of lost chat turns (the stream-failures queue), which become
 * error frames.
 */
@ApplicationScoped
class ObjectEventHandler {
    private static final Logger LOG = Logger.getLogger(ObjectEventHandler.class);

    /** Thrown to make Lambda retry an asynchronous event; the message says which objects and why. */
    static final class RetryLater extends RuntimeException {
        RetryLater(String message) {
            super(message, null, false, false);
        }
    }

    private final DocumentProcessor documents;
    private final WebSocketHandler webSockets;
    private final ObjectMapper mapper;

    ObjectEventHandler(
            DocumentProcessor documents, WebSocketHandler webSockets, ObjectMapper mapper) {
        this.documents = documents;
        this.webSockets = webSockets;
        this.mapper = mapper;
    }

    /** The outcome of every object, for logs and {@code sam local invoke}; Lambda discards it for async events. */
    JsonNode objects(LambdaEvent.S3Objects event, Invocation invocation) {
        event.skipped()
                .forEach(
                        reason ->
                                LOG.warnf(
                                        "skipped a record (invocation %s): %s",
                                        invocation.requestId(), reason));
        List<ObjectOutcome> outcomes = documents.processAll(event.objects(), invocation.deadline());
        List<ObjectOutcome> retry = outcomes.stream().filter(ObjectOutcome::needsRetry).toList();
        if (!retry.isEmpty()) {
            throw new RetryLater(
                    retry.size()
                            + " of "
                            + outcomes.size()
                            + " object(s) will be retried: "
                            + retry.stream()
                                    .map(
                                            o ->
                                                    "s3://"
                                                            + o.bucket()
                                                            + "/"
                                                            + o.key()
                                                            + " ("
                                                            + o.detail()
                                                            + ")")
                                    .collect(Collectors.joining("; ")));
        }
        ObjectNode result = mapper.createObjectNode();
        ArrayNode objects = result.putArray("objects");
        for (ObjectOutcome outcome : outcomes) {
            objects.addObject()
                    .put("bucket", outcome.bucket())
                    .put("key", outcome.key())
                    .put("outcome", outcome.result().wireName())
                    .put("detail", outcome.detail());
        }
        ArrayNode skipped = result.putArray("skipped");
        event.skipped().forEach(skipped::add);
        return result;
    }

    /** {@code {"batchItemFailures": [{"itemIdentifier": messageId}]}}: only these messages come back. */
    JsonNode sqsBatch(LambdaEvent.SqsBatch batch, Invocation invocation) {
        ObjectNode result = mapper.createObjectNode();
        ArrayNode failures = result.putArray("batchItemFailures");
        for (QueuedMessage message : batch.messages()) {
            message.skipped()
                    .forEach(
                            reason ->
                                    LOG.infof(
                                            "message %s: skipped %s", message.messageId(), reason));
            if (message.problem().isPresent()) {
                // Reported, not dropped: after the queue's maxReceiveCount it lands in its
                // dead-letter queue.
                LOG.warnf(
                        "message %s cannot be read: %s",
                        message.messageId(), message.problem().get());
                failures.addObject().put("itemIdentifier", message.messageId());
                continue;
            }
            if (message.lostTurn().isPresent()) {
                // A chat turn Lambda lost (the stream-failures queue): its client gets an error
                // frame;
                // a post that failed (not a gone client) comes back for another try.
                if (!webSockets.lost(message.lostTurn().get())) {
                    failures.addObject().put("itemIdentifier", message.messageId());
                }
                continue;
            }
            boolean retry =
                    documents.processAll(message.objects(), invocation.deadline()).stream()
                            .anyMatch(ObjectOutcome::needsRetry);
            if (retry) {
                failures.addObject().put("itemIdentifier", message.messageId());
            }
        }
        return result;
    }
}
