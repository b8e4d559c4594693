package dev.parley.lambda;

import dev.parley.documents.ObjectRef;
import java.util.List;
import java.util.Optional;

/**
 * One SQS message of a batch: the objects its S3 notification names, or the problem that makes
 * it unreadable. {@code skipped} says why records in it were left out (e.g. not an ObjectCreated event).
 */
public record QueuedMessage(String messageId, List<ObjectRef> objects, List<String> skipped, Optional<String> problem) {

    public QueuedMessage {
        objects = List.copyOf(objects);
        skipped = List.copyOf(skipped);
    }
}
