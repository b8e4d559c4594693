package dev.parley.documents;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An S3 object as an event names it, with its key already URL-decoded. Which version it is comes
 * from the event's {@code versionId} (versioned buckets), else its ETag, else its sequencer: that
 * identity is what makes processing exactly-once per version.
 */
public record ObjectRef(
        String bucket,
        String key,
        Optional<String> versionId,
        Optional<String> eTag,
        Optional<String> sequencer,
        OptionalLong size,
        Optional<Instant> eventTime) {

    public ObjectRef {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        // Unversioned buckets send no versionId, or the string "null".
        versionId = versionId.filter(v -> !v.isBlank() && !"null".equals(v));
        // GetObject answers ETags in quotes; events send them bare. Keep them bare.
        eTag = eTag.map(e -> e.replace("\"", "")).filter(e -> !e.isBlank());
        sequencer = sequencer.filter(s -> !s.isBlank());
    }

    /** The version identity, or empty when the event carries none of versionId, ETag and sequencer. */
    public Optional<String> versionToken() {
        if (versionId.isPresent()) {
            return Optional.of("v:" + versionId.get());
        }
        if (eTag.isPresent()) {
            return Optional.of("e:" + eTag.get());
        }
        return sequencer.map(s -> "s:" + s);
    }

    /** {@code s3://bucket/key}, for messages and logs. */
    public String uri() {
        return "s3://" + bucket + "/" + key;
    }
}
