package dev.parley.documents;

import java.util.Locale;

/** What became of one object of an event. Only {@link Result#RETRY} asks the event source to deliver it again. */
public record ObjectOutcome(String bucket, String key, Result result, String detail) {

    public enum Result {
        /** Summarized now; the record is {@code done}. */
        SUMMARIZED,
        /** Recorded as {@code failed} for good (unsupported, too large, ...); retrying cannot help. */
        FAILED,
        /** This version was already handled (a duplicate delivery); nothing was done. */
        SKIPPED,
        /** Not Parley's to summarize (output prefix, outside the input prefix, another bucket). */
        IGNORED,
        /** Not done yet (throttled, store down, another attempt still running): deliver again later. */
        RETRY;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static ObjectOutcome of(ObjectRef ref, Result result, String detail) {
        return new ObjectOutcome(ref.bucket(), ref.key(), result, detail);
    }

    public boolean needsRetry() {
        return result == Result.RETRY;
    }
}
