package dev.parley.documents;

import dev.parley.modelcall.Usage;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** One object version's record: what happened to it, and its summary once done. */
record DocumentRecord(
        String bucket,
        String key,
        Optional<String> versionId,
        Optional<String> eTag,
        String owner,
        Status status,
        Optional<String> summary,
        Optional<String> model,
        Optional<String> modelId,
        Optional<Usage> usage,
        Optional<Failure> error,
        Optional<String> format,
        int chunks,
        int modelCalls,
        int attempts,
        Optional<String> outputKey,
        Instant uploadedAt,
        Instant createdAt,
        Instant updatedAt) {

    enum Status {
        PENDING,
        DONE,
        FAILED;

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Status parse(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    /** Why processing failed; {@code retryable} failures are tried again when the event is delivered again. */
    record Failure(String code, String message, boolean retryable) {}
}
