package dev.parley.documents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.modelcall.Usage;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Writes a finished summary as JSON under the output prefix, next to nothing the function would read again. */
@ApplicationScoped
class SummaryOutput {

    /** The summary object's content. */
    @RegisterForReflection
    record SummaryFile(
            String bucket,
            String key,
            String versionId,
            String eTag,
            String owner,
            String format,
            String summary,
            String model,
            String modelId,
            Usage usage,
            int chunks,
            int modelCalls,
            String createdAt) {}

    private final S3Client s3;
    private final ObjectMapper mapper;

    SummaryOutput(S3Client s3, ObjectMapper mapper) {
        this.s3 = s3;
        this.mapper = mapper;
    }

    /** Writes the summary to {@code outputKey} in the upload's bucket. */
    void write(
            ObjectRef ref,
            UploadKeys.Upload upload,
            SummaryResult summary,
            String outputKey,
            Instant at) {
        SummaryFile file =
                new SummaryFile(
                        ref.bucket(),
                        ref.key(),
                        ref.versionId().orElse(null),
                        ref.eTag().orElse(null),
                        upload.owner(),
                        summary.format(),
                        summary.summary(),
                        summary.model().alias(),
                        summary.model().modelId(),
                        summary.usage(),
                        summary.chunks(),
                        summary.modelCalls(),
                        at.toString());
        byte[] json;
        try {
            json = mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(file);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("summary of " + ref.uri() + " is not serializable", e);
        }
        try {
            s3.putObject(
                    put ->
                            put.bucket(ref.bucket())
                                    .key(outputKey)
                                    .contentType("application/json; charset=utf-8"),
                    RequestBody.fromBytes(json));
        } catch (SdkException e) {
            throw BucketErrors.translate(
                    e, "write the summary to", "s3://" + ref.bucket() + "/" + outputKey);
        }
    }
}
