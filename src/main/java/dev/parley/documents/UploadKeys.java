package dev.parley.documents;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;

/**
 * Which objects are Parley's to summarize, and whose they are. An upload lives at
 * {@code {input-prefix}{owner}/{path}}: the first path segment under the input prefix is the owner,
 * compared with the caller identity of the API ({@code anonymous} without an authorizer).
 * Objects under the output prefix are never summarized, so writing a summary cannot trigger another.
 */
@ApplicationScoped
class UploadKeys {
    /** S3's limit; a longer key in an event is not a real object (and would not fit a DynamoDB key). */
    static final int MAX_KEY_BYTES = 1024;

    /** An upload of {@code owner}; {@code path} is the rest of the key, e.g. {@code reports/q1.pdf}. */
    record Upload(String owner, String path) {}

    /** Either the upload the key names, or why it is not one (exactly one is non-null). */
    record Decision(Upload upload, String ignoreReason) {}

    private final DocumentSettings settings;
    private final String inputPrefix;
    private final String outputPrefix;

    UploadKeys(DocumentSettings settings) {
        this.settings = settings;
        this.inputPrefix = asFolder(settings.inputPrefix());
        this.outputPrefix = asFolder(settings.outputPrefix());
        if (outputPrefix.isEmpty()) {
            throw new IllegalStateException(
                    "parley.documents.output-prefix must not be empty: summaries written to the"
                            + " bucket root would be read back as uploads");
        }
        if (inputPrefix.startsWith(outputPrefix)) {
            throw new IllegalStateException(
                    "parley.documents.input-prefix '"
                            + inputPrefix
                            + "' lies inside the output"
                            + " prefix '"
                            + outputPrefix
                            + "'; no upload could ever be summarized");
        }
    }

    Decision classify(ObjectRef ref) {
        if (settings.bucket().isEmpty()) {
            return ignore(
                    "parley.documents.bucket is not set, so no bucket is the documents bucket");
        }
        if (!settings.bucket().get().equals(ref.bucket())) {
            return ignore(
                    "bucket "
                            + ref.bucket()
                            + " is not the documents bucket "
                            + settings.bucket().get());
        }
        String key = ref.key();
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            return ignore("the key is longer than S3 allows (" + MAX_KEY_BYTES + " bytes)");
        }
        // Checked first: the input prefix may contain the output prefix (e.g. input "" = whole
        // bucket).
        if (key.startsWith(outputPrefix)) {
            return ignore(
                    "it is under the output prefix " + outputPrefix + " (a summary Parley wrote)");
        }
        if (!key.startsWith(inputPrefix)) {
            return ignore("it is outside the input prefix " + inputPrefix);
        }
        String rest = key.substring(inputPrefix.length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) {
            return ignore("it names no owner: uploads go to " + inputPrefix + "{owner}/{file}");
        }
        if (key.endsWith("/")) {
            return ignore("it is a folder marker, not a file");
        }
        return new Decision(new Upload(rest.substring(0, slash), rest.substring(slash + 1)), null);
    }

    /** Where the summary of an upload is written: {@code {output-prefix}{owner}/{path}.summary.json}. */
    String summaryKey(Upload upload) {
        return outputPrefix + upload.owner() + "/" + upload.path() + ".summary.json";
    }

    private static Decision ignore(String reason) {
        return new Decision(null, reason);
    }

    /** "uploads" and "uploads/" mean the same folder. */
    private static String asFolder(String prefix) {
        String trimmed = prefix.strip();
        return trimmed.isEmpty() || trimmed.endsWith("/") ? trimmed : trimmed + "/";
    }
}
