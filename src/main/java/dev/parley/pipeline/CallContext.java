package dev.parley.pipeline;

import dev.parley.identity.Caller;
import dev.parley.modelcall.ServiceTier;
import java.util.Optional;

/**
 * Who a model call is for and where it comes from: what the pipeline's stages need beyond the
 * call itself (the ledger charges {@code caller}, guardrails and metrics look at {@code route},
 * the response cache looks at {@code responseCache}).
 *
 * @param caller the identity the call is charged to (the document's owner on the documents path)
 * @param route a short stable name: summarize, chat, tools, compare, stream, documents, openai, ...
 * @param streaming whether the call is a ConverseStream (set by {@link ModelPipeline#stream})
 * @param keyId the API key the call was made with, if any (keys/ limits it; the ledger records it)
 * @param serviceTier the service tier the request asked for (empty: the key's or the deployment's default)
 * @param subjectId the conversation or stored response the call belongs to, if any: an id for
 *        Bedrock's invocation logs ({@code requestMetadata}), never a name or a text
 * @param cacheNotice the HTTP request's response-cache notice, when the call serves one: where the
 *        response cache records a hit or a miss for the answer's {@code X-Parley-Cache}
 */
public record CallContext(
        String caller,
        String route,
        ResponseCaching responseCache,
        boolean streaming,
        Optional<String> keyId,
        Optional<ServiceTier> serviceTier,
        Optional<Subject> subjectId,
        Optional<CacheNotice> cacheNotice) {

    /** What a call belongs to, for the invocation logs: a conversation or a stored response, by id. */
    public record Subject(String kind, String id) {}

    public CallContext {
        keyId = keyId == null ? Optional.empty() : keyId;
        serviceTier = serviceTier == null ? Optional.empty() : serviceTier;
        subjectId = subjectId == null ? Optional.empty() : subjectId;
        cacheNotice = cacheNotice == null ? Optional.empty() : cacheNotice;
    }

    public CallContext(
            String caller,
            String route,
            ResponseCaching responseCache,
            boolean streaming,
            Optional<String> keyId) {
        this(
                caller,
                route,
                responseCache,
                streaming,
                keyId,
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    public CallContext(String caller, String route, ResponseCaching responseCache) {
        this(caller, route, responseCache, false, Optional.empty());
    }

    /** The call on {@code tier}, as the request asked (empty: the default). */
    public CallContext withServiceTier(Optional<ServiceTier> tier) {
        return new CallContext(
                caller, route, responseCache, streaming, keyId, tier, subjectId, cacheNotice);
    }

    /** The call belongs to conversation {@code id}. */
    public CallContext forConversation(String id) {
        return new CallContext(
                caller,
                route,
                responseCache,
                streaming,
                keyId,
                serviceTier,
                Optional.of(new Subject("conversationId", id)),
                cacheNotice);
    }

    /** The call belongs to stored response {@code id}. */
    public CallContext forResponse(String id) {
        return new CallContext(
                caller,
                route,
                responseCache,
                streaming,
                keyId,
                serviceTier,
                Optional.of(new Subject("responseId", id)),
                cacheNotice);
    }

    /**
     * What the response cache may do for the call, as far as the client and the caller's code
     * decide; whether the route and the call are cacheable at all is {@code
     * caching/ResponseCachePolicy}'s decision, made in one place for every route.
     */
    public enum ResponseCaching {
        /** Never from or into the cache (a request that runs no model). */
        OFF,
        /** A stored answer may be served, and a fresh one is stored. */
        USE,
        /** The client sent {@code Cache-Control: no-cache}: call the model, store the fresh answer. */
        REFRESH
    }

    public static CallContext of(String caller, String route) {
        return forRequest(caller, route, Optional.empty());
    }

    /** A call for {@code caller}, charged to its id and limited by its key, if it presented one. */
    public static CallContext of(Caller caller, String route) {
        return forRequest(caller.id(), route, caller.keyId());
    }

    /** A call of the HTTP request on this thread, if one is open: it takes the request's cache notice. */
    private static CallContext forRequest(String caller, String route, Optional<String> keyId) {
        Optional<CacheNotice> notice = CacheNotice.current();
        ResponseCaching caching =
                notice.filter(CacheNotice::refresh).isPresent()
                        ? ResponseCaching.REFRESH
                        : ResponseCaching.USE;
        return new CallContext(
                caller, route, caching, false, keyId, Optional.empty(), Optional.empty(), notice);
    }

    public CallContext withResponseCache(ResponseCaching caching) {
        return new CallContext(
                caller, route, caching, streaming, keyId, serviceTier, subjectId, cacheNotice);
    }

    public CallContext asStream() {
        return new CallContext(
                caller, route, responseCache, true, keyId, serviceTier, subjectId, cacheNotice);
    }
}
