package dev.parley.documents;

import dev.parley.error.ParleyException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Reads exactly the version an event names (by versionId, else If-Match on its ETag), and never
 * more than the size limit: an oversized object is refused from the event's size or the response
 * length before its body is read.
 */
@ApplicationScoped
class DocumentReader {
    private final S3Client s3;
    private final DocumentSettings settings;

    DocumentReader(S3Client s3, DocumentSettings settings) {
        this.s3 = s3;
        this.settings = settings;
    }

    StoredObject read(ObjectRef ref) {
        int limit = settings.maxObjectBytes();
        if (ref.size().isPresent() && ref.size().getAsLong() > limit) {
            throw tooLarge(ref.size().getAsLong(), limit);
        }
        GetObjectRequest.Builder request =
                GetObjectRequest.builder().bucket(ref.bucket()).key(ref.key());
        if (ref.versionId().isPresent()) {
            request.versionId(ref.versionId().get());
        } else {
            ref.eTag().ifPresent(eTag -> request.ifMatch("\"" + eTag + "\""));
        }
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(request.build())) {
            Long length = in.response().contentLength();
            if (length != null && length > limit) {
                in.abort();
                throw tooLarge(length, limit);
            }
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                in.abort();
                throw tooLarge(bytes.length, limit);
            }
            if (length != null && bytes.length < length) {
                // The connection ended early: summarizing what arrived would record part of the
                // document as all of it.
                throw BucketErrors.interrupted(
                        ref.uri(),
                        new IOException(
                                "the body ended after "
                                        + bytes.length
                                        + " of "
                                        + length
                                        + " bytes"));
            }
            return new StoredObject(bytes, in.response().contentType());
        } catch (SdkException e) {
            throw BucketErrors.translate(e, "read", ref.uri());
        } catch (IOException e) {
            throw BucketErrors.interrupted(ref.uri(), e);
        }
    }

    private static ParleyException tooLarge(long bytes, int limit) {
        return ParleyException.tooLarge(
                "the object is "
                        + bytes
                        + " bytes; the limit is "
                        + limit
                        + " bytes (parley.documents.max-object-bytes)");
    }
}
