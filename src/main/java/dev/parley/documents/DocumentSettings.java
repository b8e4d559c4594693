package dev.parley.documents;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Summaries of documents uploaded to S3. Every key is listed in docs/configuration.md. */
@ConfigMapping(prefix = "parley.documents")
public interface DocumentSettings {

    /**
     * The documents bucket (template.yaml passes its name). Events for any other bucket are ignored,
     * and {@code GET /v1/documents/{key}} looks up keys in this bucket. Unset: no document is processed.
     */
    Optional<String> bucket();

    /** Uploads are summarized only under this prefix; the next path segment is the owner. */
    @WithDefault("uploads/")
    String inputPrefix();

    /** Summary JSON objects are written here, and objects here are never processed (no recursive loop). */
    @WithDefault("summaries/")
    String outputPrefix();

    /** Model for text documents (alias or id); the catalog's default model when unset. */
    Optional<String> model();

    /** Model for PDF, Word and Excel files, sent as Converse document blocks; it must be able to read documents. */
    @WithDefault("nova-lite")
    String documentModel();

    /** Largest object read, in bytes; larger uploads are recorded as failed without being read. */
    @WithDefault("10485760")
    int maxObjectBytes();

    /** {@code maxTokens} of every summary call (chunk, combine and whole-document summaries). */
    @WithDefault("1024")
    int maxSummaryTokens();

    /**
     * Share of the model's context window one chunk may fill. The rest is for the prompt, the
     * answer and the error of estimating tokens as four characters each.
     */
    @WithDefault("0.5")
    double contextShare();

    /**
     * Upper bound of a chunk in tokens, whatever the context window: smaller chunks are summarized
     * in parallel and each call stays well inside the Bedrock call timeout.
     */
    @WithDefault("16000")
    int maxChunkTokens();

    /** A text needing more chunks than this is recorded as failed instead of costing that many model calls. */
    @WithDefault("64")
    int maxChunks();

    /**
     * How long a claim on a version lasts unless renewed. A running attempt renews it every third
     * of this; an attempt that died (out of memory, timed out) stops renewing, so a retry can take
     * the version over at most this long after.
     */
    @WithDefault("60s")
    Duration claimLease();
}
