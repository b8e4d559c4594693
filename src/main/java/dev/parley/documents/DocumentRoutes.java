package dev.parley.documents;

import dev.parley.error.ParleyException;
import dev.parley.http.HttpRequest;
import dev.parley.http.HttpResponse;
import dev.parley.http.PageSize;
import dev.parley.http.Route;
import dev.parley.http.RouteSet;
import dev.parley.store.Page;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code GET /v1/documents} and {@code GET /v1/documents/{key}}: the caller's document summaries.
 * Another caller's document answers 404 exactly like a missing one.
 */
@ApplicationScoped
public class DocumentRoutes implements RouteSet {
    /** S3's limit for an object key; anything longer cannot name a document. */
    private static final int MAX_KEY_BYTES = 1024;

    private final DocumentStore store;
    private final DocumentSettings settings;

    DocumentRoutes(DocumentStore store, DocumentSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get("/v1/documents", this::list),
                // Greedy: object keys contain '/', sent either as is or URL-encoded (%2F).
                Route.get("/v1/documents/{key+}", this::get));
    }

    private HttpResponse list(HttpRequest request) {
        int limit = PageSize.of(request);
        Page<DocumentRecord> page =
                store.list(request.caller(), limit, request.queryParam("cursor"));
        List<DocumentViews.Document> documents =
                page.items().stream().map(DocumentViews.Document::of).toList();
        return HttpResponse.ok(
                new DocumentViews.Listing(documents, page.nextCursor().orElse(null)));
    }

    /** The newest version of the key in the documents bucket. */
    private HttpResponse get(HttpRequest request) {
        String key = request.pathParam("key");
        if (settings.bucket().isEmpty()
                || key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw notFound(key);
        }
        return store.latest(settings.bucket().get(), key, request.caller())
                .map(record -> HttpResponse.ok(DocumentViews.Document.of(record)))
                .orElseThrow(() -> notFound(key));
    }

    private static ParleyException notFound(String key) {
        String shown = key.length() > 200 ? key.substring(0, 200) + "…" : key;
        return ParleyException.notFound("document " + shown + " does not exist");
    }
}
