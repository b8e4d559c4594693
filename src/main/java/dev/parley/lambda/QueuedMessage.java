package dev.parley.lambda;

import dev.parley.documents.ObjectRef;
import dev.parley.websocket.LostTurn;
import java.util.List;
import java.util.Optional;

/**
 * One SQS message of a batch: the objects its S3 notification names, the chat turn Lambda's
 * on-failure record says was lost ({@code lostTurn}), or the problem that makes it unreadable.
 * {@code skipped} says why records in it were left out (e.g. not an ObjectCreated event).
 */
public record QueuedMessage(
        String messageId,
        List<ObjectRef> objects,
        List<String> skipped,
        Optional<String> problem,
        Optional<LostTurn> lostTurn) {

    public QueuedMessage {
        objects = List.copyOf(objects);
        skipped = List.copyOf(skipped);
    }

    public QueuedMessage(
            String messageId,
            List<ObjectRef> objects,
            List<String> skipped,
            Optional<String> problem) {
        this(messageId, objects, skipped, problem, Optional.empty());
    }
}
