package dev.parley.documents;

import dev.parley.error.ParleyException;
import dev.parley.store.Page;
import java.time.Instant;
import java.util.Optional;

/**
 * Where document records live. Processing a version is guarded by a claim: only one attempt at a
 * time holds it, and only the holder may finish the record.
 */
interface DocumentStore {

    /** An attempt to process one object version, held until {@code expiresAt} unless finished before. */
    record Claim(
            ObjectRef ref,
            String versionToken,
            String owner,
            String claimId,
            Instant at,
            Instant expiresAt) {}

    /** What a claim found: the claim is ours, or the version is done, failed for good, or held by a live attempt. */
    enum ClaimState {
        CLAIMED,
        DONE,
        FAILED,
        IN_PROGRESS
    }

    /**
     * Takes the claim when the version is new, its last attempt failed with a retryable error, or
     * the previous claim expired (a crashed attempt). Marks the record {@code pending}.
     */
    ClaimState claim(Claim claim);

    /** Extends a held claim to {@code expiresAt}; false when it is no longer held. */
    boolean renew(Claim claim, Instant expiresAt);

    /** Records the summary; false when the claim was lost meanwhile (it expired and another attempt took it). */
    boolean complete(Claim claim, SummaryResult summary, String outputKey, Instant at);

    /** Records the failure; false when the claim was lost meanwhile. */
    boolean fail(Claim claim, ParleyException failure, boolean retryable, Instant at);

    /** The newest version of {@code key} in {@code bucket}, if it belongs to {@code owner}. */
    Optional<DocumentRecord> latest(String bucket, String key, String owner);

    /** The owner's records, most recently updated first. */
    Page<DocumentRecord> list(String owner, int limit, Optional<String> cursor);
}
