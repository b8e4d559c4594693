package dev.parley.documents;

import dev.parley.bedrock.ModelCatalog;
import dev.parley.error.ErrorCode;
import dev.parley.error.ParleyException;
import dev.parley.guardrails.ContentGuard;
import dev.parley.modelcall.ChatMessage;
import dev.parley.modelcall.ContentBlock;
import dev.parley.modelcall.ModelReply;
import dev.parley.modelcall.ModelSpec;
import dev.parley.pipeline.CallContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;

/**
 * Summarizes an object by its format: text formats through {@link MapReduceSummarizer}, PDF and
 * Office files in one call as a Converse document block, anything else refused with the reason.
 */
@ApplicationScoped
class DocumentSummarizer {
    /** Bedrock's limit for one document in a Converse request (4.5 MB). */
    static final int MAX_DOCUMENT_BYTES = 4_500_000;

    private final MapReduceSummarizer text;
    private final ModelCatalog catalog;
    private final DocumentSettings settings;
    private final ContentGuard guard;

    DocumentSummarizer(
            MapReduceSummarizer text,
            ModelCatalog catalog,
            DocumentSettings settings,
            ContentGuard guard) {
        this.text = text;
        this.catalog = catalog;
        this.settings = settings;
        this.guard = guard;
    }

    /** {@code context} charges the calls to the document's owner. */
    SummaryResult summarize(StoredObject object, String key, CallContext context) {
        DocumentFormat format =
                DocumentFormat.detect(object.contentType(), key)
                        .orElseThrow(
                                () ->
                                        ParleyException.validation(
                                                DocumentFormat.unsupported(
                                                        object.contentType(), key)));
        String name = format.name().toLowerCase(Locale.ROOT);
        if (format.readAsText()) {
            // The model first: a retired one is refused before any Bedrock call, ApplyGuardrail
            // included.
            ModelSpec model = catalog.resolve(settings.model().orElse(null));
            String content =
                    screened(
                            TextExtractor.text(object.bytes(), format, object.contentType()),
                            context);
            return text.summarize(content, model, name, context);
        }
        return attached(object.bytes(), format, name, context);
    }

    /**
     * An upload is untrusted input: with guardrails on, its text is checked with ApplyGuardrail
     * before any model reads it. A blocked document fails for good (it would be blocked again);
     * masked PII is summarized masked.
     */
    private String screened(String content, CallContext context) {
        ContentGuard.Verdict verdict = guard.check(context, ContentGuard.Kind.DOCUMENT, content);
        if (verdict.blocked()) {
            throw new ParleyException(
                    ErrorCode.CONTENT_BLOCKED,
                    "the document was blocked by guardrail and is not summarized");
        }
        return verdict.masked().orElse(content);
    }

    private SummaryResult attached(
            byte[] bytes, DocumentFormat format, String name, CallContext context) {
        ModelSpec model = catalog.resolve(settings.documentModel());
        if (!model.capabilities().documents()) {
            throw new ParleyException(
                    ErrorCode.MODEL_NOT_ALLOWED,
                    "model "
                            + model.alias()
                            + " cannot read "
                            + format.bedrockFormat()
                            + " documents; set parley.documents.document-model to a model with"
                            + " capabilities.documents (see GET /v1/models)");
        }
        if (bytes.length > MAX_DOCUMENT_BYTES) {
            throw ParleyException.tooLarge(
                    "the "
                            + format.bedrockFormat()
                            + " file is "
                            + bytes.length
                            + " bytes; Bedrock accepts documents of up to "
                            + MAX_DOCUMENT_BYTES
                            + " bytes");
        }
        // Bedrock wants a text block in a message that carries a document: the document first, then
        // the request.
        ModelReply reply =
                text.ask(
                        context,
                        model,
                        new ChatMessage(
                                ChatMessage.Role.USER,
                                List.of(
                                        new ContentBlock.Document(
                                                format.bedrockFormat(),
                                                DocumentPrompts.DOCUMENT_NAME,
                                                bytes),
                                        new ContentBlock.Text(DocumentPrompts.attached()))));
        return new SummaryResult(reply.text().strip(), model, reply.usage(), 1, 1, name);
    }
}
