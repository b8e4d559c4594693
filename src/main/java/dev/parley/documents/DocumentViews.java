package dev.parley.documents;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.parley.modelcall.Usage;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** The JSON shapes of the documents routes. */
final class DocumentViews {
    private DocumentViews() {}

    /** One document version; absent fields are left out ({@code summary} until done, {@code error} unless failed). */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Document(
            String bucket,
            String key,
            String versionId,
            String owner,
            String status,
            String summary,
            String model,
            String modelId,
            Usage usage,
            Failure error,
            String format,
            Integer chunks,
            Integer modelCalls,
            String summaryObject,
            String uploadedAt,
            String createdAt,
            String updatedAt) {

        static Document of(DocumentRecord record) {
            boolean done = record.status() == DocumentRecord.Status.DONE;
            return new Document(
                    record.bucket(),
                    record.key(),
                    record.versionId().orElse(null),
                    record.owner(),
                    record.status().wireName(),
                    record.summary().orElse(null),
                    record.model().orElse(null),
                    record.modelId().orElse(null),
                    record.usage().orElse(null),
                    record.error()
                            .map(e -> new Failure(e.code(), e.message(), e.retryable()))
                            .orElse(null),
                    record.format().orElse(null),
                    done ? record.chunks() : null,
                    done ? record.modelCalls() : null,
                    record.outputKey().map(k -> "s3://" + record.bucket() + "/" + k).orElse(null),
                    record.uploadedAt().toString(),
                    record.createdAt().toString(),
                    record.updatedAt().toString());
        }
    }

    /** Why a document failed; {@code retrying} when the failure was transient and the upload is tried again. */
    @RegisterForReflection
    record Failure(String code, String message, boolean retrying) {}

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Listing(List<Document> documents, String nextCursor) {}
}
