package dev.parley.documents;

import dev.parley.table.KeyPrefix;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Where document records live in the single table (see table/SingleTable for the shared
 * attribute names). Their own key prefixes keep them out of every conversation query.
 *
 * <pre>
 * pk                     sk              what
 * DOC#{bucket}/{key}     VER#{version}   one record per object version: owner, status (pending|done|failed),
 *                                        claimId + claimExpiresAt while pending, summary, model, usage, error,
 *                                        timestamps, ttl, gsi1pk = DOCS#{owner}, gsi1sk = {updatedAt}#{hash}
 * </pre>
 *
 * {@code version} is {@code v:{versionId}}, {@code e:{eTag}} or {@code s:{sequencer}} (see
 * {@link ObjectRef#versionToken()}). A key's versions are one Query on {@code pk}; a caller's
 * documents, newest first, one Query on the {@code byOwner} index. The index sort key carries a hash
 * instead of the object key because S3 keys (1024 bytes) would not fit DynamoDB's 1024-byte sort key.
 */
final class DocumentTable {
    static final String OWNER = "owner";
    static final String BUCKET = "bucket";
    static final String OBJECT_KEY = "objectKey";
    static final String VERSION_ID = "versionId";
    static final String ETAG = "eTag";
    static final String STATUS = "status";
    static final String CLAIM_ID = "claimId";
    static final String CLAIM_EXPIRES_AT = "claimExpiresAt";
    static final String ATTEMPTS = "attempts";
    static final String SUMMARY = "summary";
    static final String MODEL = "model";
    static final String MODEL_ID = "modelId";
    static final String INPUT_TOKENS = "inputTokens";
    static final String OUTPUT_TOKENS = "outputTokens";
    static final String TOTAL_TOKENS = "totalTokens";
    static final String CHUNKS = "chunks";
    static final String MODEL_CALLS = "modelCalls";
    static final String FORMAT = "format";
    static final String OUTPUT_KEY = "outputKey";
    static final String ERROR_CODE = "errorCode";
    static final String ERROR_MESSAGE = "errorMessage";
    static final String RETRYABLE = "retryable";
    static final String UPLOADED_AT = "uploadedAt";
    static final String CREATED_AT = "createdAt";
    static final String UPDATED_AT = "updatedAt";

    static final String DOCUMENT_PREFIX = KeyPrefix.DOCUMENT.text();
    static final String VERSION_PREFIX = KeyPrefix.DOCUMENT_VERSION.text();

    private DocumentTable() {}

    static String documentKey(String bucket, String key) {
        // Bucket names cannot contain '/', so "bucket/key" is unambiguous.
        return DOCUMENT_PREFIX + bucket + "/" + key;
    }

    static String versionKey(String versionToken) {
        return VERSION_PREFIX + versionToken;
    }

    static String ownerKey(String owner) {
        return KeyPrefix.DOCUMENT_OWNER.key(owner);
    }

    static String listingKey(Instant updatedAt, String pk, String sk) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest((pk + "\n" + sk).getBytes(StandardCharsets.UTF_8));
            return updatedAt + "#" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
