package dev.parley.documents;

import dev.parley.documents.DocumentStore.Claim;
import dev.parley.documents.ObjectOutcome.Result;
import dev.parley.error.ErrorCode;
import dev.parley.error.ParleyException;
import dev.parley.metrics.Metrics;
import dev.parley.pipeline.CallContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Turns S3 object events into summaries, exactly once per object version however often the event
 * is delivered: claim the version, read it, summarize it, write the summary JSON, record the
 * result. Every object of an event is processed on its own; one failing does not stop the others.
 */
@ApplicationScoped
public class DocumentProcessor {
    private static final Logger LOG = Logger.getLogger(DocumentProcessor.class);

    /**
     * Failures that may pass (throttling, an unavailable model, table or bucket, the owner's spent
     * budget, which resets): the event is delivered again.
     */
    private static final Set<ErrorCode> TRANSIENT =
            Set.of(
                    ErrorCode.THROTTLED,
                    ErrorCode.MODEL_UNAVAILABLE,
                    ErrorCode.MODEL_TIMEOUT,
                    ErrorCode.STORE_UNAVAILABLE,
                    ErrorCode.BUCKET_UNAVAILABLE,
                    ErrorCode.QUOTA_EXCEEDED);

    private static final int MAX_VERSION_CHARS = 256;

    private final UploadKeys uploads;
    private final DocumentStore store;
    private final DocumentReader reader;
    private final DocumentSummarizer summarizer;
    private final SummaryOutput output;
    private final ClaimLeases leases;
    private final Metrics metrics;

    DocumentProcessor(
            UploadKeys uploads,
            DocumentStore store,
            DocumentReader reader,
            DocumentSummarizer summarizer,
            SummaryOutput output,
            ClaimLeases leases,
            Metrics metrics) {
        this.metrics = metrics;
        this.leases = leases;
        this.uploads = uploads;
        this.store = store;
        this.reader = reader;
        this.summarizer = summarizer;
        this.output = output;
    }

    /** Processes every object in order; {@code deadline} is when the invocation is stopped. */
    public List<ObjectOutcome> processAll(List<ObjectRef> refs, Instant deadline) {
        List<ObjectOutcome> outcomes = new ArrayList<>();
        for (ObjectRef ref : refs) {
            outcomes.add(process(ref, deadline));
        }
        return outcomes;
    }

    public ObjectOutcome process(ObjectRef ref, Instant deadline) {
        ObjectOutcome outcome = attempt(ref, deadline);
        metrics.documentProcessed(outcome.result().wireName());
        return outcome;
    }

    private ObjectOutcome attempt(ObjectRef ref, Instant deadline) {
        try {
            UploadKeys.Decision decision = uploads.classify(ref);
            if (decision.upload() == null) {
                LOG.infof("ignored %s: %s", ref.uri(), decision.ignoreReason());
                return ObjectOutcome.of(ref, Result.IGNORED, decision.ignoreReason());
            }
            // S3's version ids and ETags are a few dozen characters; anything else is not from S3.
            if (ref.versionToken().filter(token -> token.length() <= MAX_VERSION_CHARS).isEmpty()) {
                LOG.warnf(
                        "ignored %s: the event has no usable versionId, eTag or sequencer",
                        ref.uri());
                return ObjectOutcome.of(
                        ref,
                        Result.IGNORED,
                        "the event names no usable versionId, eTag or sequencer,"
                                + " so the version cannot be told apart from others");
            }
            return claimAndSummarize(ref, decision.upload(), deadline);
        } catch (ParleyException e) {
            // Only the store can fail outside a claim (claiming itself); nothing was done, so try
            // again later.
            LOG.warnf("%s not processed: %s", ref.uri(), e.getMessage());
            return ObjectOutcome.of(
                    ref,
                    TRANSIENT.contains(e.code()) ? Result.RETRY : Result.FAILED,
                    e.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf(e, "unexpected failure processing %s", ref.uri());
            return ObjectOutcome.of(
                    ref, Result.FAILED, "unexpected failure: " + e.getClass().getSimpleName());
        }
    }

    private ObjectOutcome claimAndSummarize(
            ObjectRef ref, UploadKeys.Upload upload, Instant deadline) {
        Instant now = Instant.now();
        Claim claim =
                new Claim(
                        ref,
                        ref.versionToken().orElseThrow(),
                        upload.owner(),
                        UUID.randomUUID().toString(),
                        now,
                        leases.expiry(now, deadline));
        switch (store.claim(claim)) {
            case DONE:
                return ObjectOutcome.of(ref, Result.SKIPPED, "this version is already summarized");
            case FAILED:
                return ObjectOutcome.of(
                        ref, Result.SKIPPED, "this version already failed for good");
            case IN_PROGRESS:
                // Delivered again later: by then the other attempt is done (skipped then) or, had
                // it died,
                // its claim has expired and this delivery takes the version over.
                return ObjectOutcome.of(
                        ref, Result.RETRY, "another attempt is processing this version");
            default:
                break;
        }
        String outputKey = uploads.summaryKey(upload);
        SummaryResult summary;
        try (ClaimLeases.Lease lease = leases.hold(claim, deadline)) {
            summary =
                    summarizer.summarize(
                            reader.read(ref),
                            ref.key(),
                            CallContext.of(upload.owner(), "documents"));
            output.write(ref, upload, summary, outputKey, Instant.now());
        } catch (ParleyException e) {
            return failed(claim, e);
        } catch (RuntimeException e) {
            LOG.errorf(e, "unexpected failure summarizing %s", ref.uri());
            return failed(
                    claim,
                    new ParleyException(
                            ErrorCode.INTERNAL_ERROR,
                            "Parley failed unexpectedly ("
                                    + e.getClass().getSimpleName()
                                    + "); the failure is logged",
                            Map.of(),
                            e));
        }
        if (!store.complete(claim, summary, outputKey, Instant.now())) {
            return lostClaim(ref);
        }
        LOG.infof(
                "summarized %s with %s: %d chunk(s), %d model call(s)",
                ref.uri(), summary.model().alias(), summary.chunks(), summary.modelCalls());
        return ObjectOutcome.of(
                ref, Result.SUMMARIZED, "summarized in " + summary.modelCalls() + " model call(s)");
    }

    private ObjectOutcome failed(Claim claim, ParleyException e) {
        boolean retry = TRANSIENT.contains(e.code());
        // Said here, once: the translators (BucketErrors, TableErrors, BedrockErrors) leave
        // retrying to the caller.
        String message = retry ? e.getMessage() + " (will be retried)" : e.getMessage();
        LOG.warnf("summarizing %s failed (%s): %s", claim.ref().uri(), e.code().code(), message);
        ParleyException recorded = retry ? new ParleyException(e.code(), message) : e;
        if (!store.fail(claim, recorded, retry, Instant.now())) {
            return lostClaim(claim.ref());
        }
        return ObjectOutcome.of(claim.ref(), retry ? Result.RETRY : Result.FAILED, message);
    }

    private static ObjectOutcome lostClaim(ObjectRef ref) {
        LOG.warnf(
                "the claim on %s expired before this attempt finished; the attempt that took it over records the"
                        + " result",
                ref.uri());
        return ObjectOutcome.of(ref, Result.SKIPPED, "another attempt took over this version");
    }
}
