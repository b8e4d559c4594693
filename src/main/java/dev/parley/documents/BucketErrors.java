package dev.parley.documents;

import dev.parley.error.ErrorCode;
import dev.parley.error.ParleyException;
import java.util.Map;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * S3 failures in Parley's terms, in one place. Whether the event is delivered again follows from
 * the code: {@code store_unavailable} is retried, the others are recorded as the document's failure.
 */
final class BucketErrors {
    private static final Logger LOG = Logger.getLogger(BucketErrors.class);

    private BucketErrors() {
    }

    static ParleyException translate(SdkException e, String action, String uri) {
        if (e instanceof NoSuchKeyException || e instanceof S3Exception s3 && s3.statusCode() == 404) {
            return new ParleyException(ErrorCode.NOT_FOUND, uri + " no longer exists; it was deleted before Parley"
                    + " could " + action, Map.of(), e);
        }
        if (e instanceof S3Exception s3 && s3.statusCode() == 412) {
            // Read with If-Match on the event's ETag: the object was overwritten, and the new version has its own event.
            return new ParleyException(ErrorCode.CONFLICT, uri + " was replaced after this upload's event; the newer"
                    + " upload is summarized on its own", Map.of(), e);
        }
        if (e instanceof S3Exception s3 && s3.statusCode() == 403) {
            return new ParleyException(ErrorCode.INTERNAL_ERROR, "S3 denied access when trying to " + action + " " + uri
                    + ": the function's role needs s3:GetObject and s3:GetObjectVersion on the input prefix and"
                    + " s3:PutObject on the output prefix", Map.of(), e);
        }
        if (e instanceof S3Exception s3 && s3.statusCode() >= 400 && s3.statusCode() < 500) {
            return new ParleyException(ErrorCode.VALIDATION_ERROR, "S3 refused to " + action + " " + uri + ": "
                    + (s3.awsErrorDetails() == null ? s3.getMessage() : s3.awsErrorDetails().errorMessage()), Map.of(), e);
        }
        LOG.warnf(e, "S3 failed to %s %s", action, uri);
        return new ParleyException(ErrorCode.STORE_UNAVAILABLE, "S3 is unavailable (could not " + action + " " + uri
                + "); the upload will be retried", Map.of(), e);
    }
}
