package dev.parley.documents;

import dev.parley.error.ErrorCode;
import dev.parley.error.Messages;
import dev.parley.error.ParleyException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * S3 failures in Parley's terms, in one place. Whether the event is delivered again follows from
 * the code: {@code bucket_unavailable} (S3 throttled, failed or unreachable) is retried; every
 * other answer of S3 is final, because sending the same request again gets the same refusal.
 */
final class BucketErrors {
    private static final Logger LOG = Logger.getLogger(BucketErrors.class);

    /** S3's 4xx error codes that pass with time: throttling, and a request S3 gave up reading. */
    private static final Set<String> TRANSIENT_CODES =
            Set.of(
                    "SlowDown",
                    "Throttling",
                    "ThrottlingException",
                    "RequestTimeout",
                    "OperationAborted",
                    "TooManyRequests",
                    "RequestTimeTooSkewed");

    private BucketErrors() {}

    static ParleyException translate(SdkException e, String action, String uri) {
        if (e instanceof NoSuchKeyException
                || e instanceof S3Exception s3 && s3.statusCode() == 404) {
            return new ParleyException(
                    ErrorCode.NOT_FOUND,
                    uri + " no longer exists; it was deleted before Parley" + " could " + action,
                    Map.of(),
                    e);
        }
        if (e instanceof S3Exception s3 && s3.statusCode() == 412) {
            // Read with If-Match on the event's ETag: the object was overwritten, and the new
            // version has its own event.
            return new ParleyException(
                    ErrorCode.CONFLICT,
                    uri
                            + " was replaced after this upload's event; the newer"
                            + " upload is summarized on its own",
                    Map.of(),
                    e);
        }
        if (e instanceof S3Exception s3 && s3.statusCode() == 403) {
            return new ParleyException(
                    ErrorCode.INTERNAL_ERROR,
                    "S3 denied access when trying to "
                            + action
                            + " "
                            + uri
                            + ": the function's role needs s3:GetObject and s3:GetObjectVersion on the input prefix and"
                            + " s3:PutObject on the output prefix",
                    Map.of(),
                    e);
        }
        if (e instanceof S3Exception s3
                && (s3.statusCode() >= 400 && s3.statusCode() < 500 && s3.statusCode() != 429
                        || s3.statusCode() == 501)
                && !TRANSIENT_CODES.contains(errorCode(s3))) {
            // An invalid version id, ETag or key, or a feature S3 does not implement (501
            // NotImplemented):
            // S3 will refuse the same request every time.
            return new ParleyException(
                    ErrorCode.VALIDATION_ERROR,
                    "S3 refused to "
                            + action
                            + " "
                            + uri
                            + " ("
                            + s3.statusCode()
                            + " "
                            + errorCode(s3)
                            + "): "
                            + Messages.clause(errorMessage(s3)),
                    Map.of(),
                    e);
        }
        if (e instanceof SdkClientException && !isNetwork(e)) {
            // Refused before it was sent (a version id or ETag that cannot be put in a request):
            // just as final.
            return new ParleyException(
                    ErrorCode.VALIDATION_ERROR,
                    "the request to "
                            + action
                            + " "
                            + uri
                            + " cannot be made: "
                            + Messages.clause(e.getMessage()),
                    Map.of(),
                    e);
        }
        LOG.warnf("S3 failed to %s %s: %s", action, uri, e.getMessage());
        String why =
                e instanceof S3Exception s3
                        ? "S3 answered " + s3.statusCode() + " " + errorCode(s3)
                        : "S3 could not be reached";
        return unavailable(why + " when trying to " + action + " " + uri, e);
    }

    /** The body of an object broke off while it was read. */
    static ParleyException interrupted(String uri, IOException e) {
        LOG.warnf("reading %s was interrupted: %s", uri, e.getMessage());
        return unavailable(
                "reading " + uri + " from S3 broke off (" + Messages.clause(e.getMessage()) + ")",
                e);
    }

    private static ParleyException unavailable(String what, Throwable cause) {
        return new ParleyException(ErrorCode.BUCKET_UNAVAILABLE, what, Map.of(), cause);
    }

    /**
     * Whether a client-side failure is worth another attempt: anything but a request the SDK
     * refused to build (an {@link IllegalArgumentException} underneath, e.g. a version id or ETag
     * that cannot go into a URL or header). Timeouts, resets and unreadable answers pass.
     */
    private static boolean isNetwork(Throwable e) {
        int depth = 0;
        for (Throwable cause = e; cause != null && depth++ < 10; cause = cause.getCause()) {
            if (cause instanceof IOException || cause instanceof UncheckedIOException) {
                return true;
            }
            if (cause instanceof IllegalArgumentException) {
                return false;
            }
        }
        return true;
    }

    private static String errorCode(S3Exception e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
                ? "error"
                : e.awsErrorDetails().errorCode();
    }

    private static String errorMessage(S3Exception e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null
                ? "no message"
                : e.awsErrorDetails().errorMessage();
    }
}
