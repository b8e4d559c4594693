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
 */
public record CallContext(
        String caller,
        String route,
        ResponseCaching responseCache,
        boolean streaming,
        Optional<String> keyId,
        Optional<ServiceTier> serviceTier,
        Optional<Subject> subjectId) {

    /** What a call belongs to, for the invocation logs: a conversation or a stored response, by id. */
    public record Subject(String kind, String id) {}

    public CallContext {
        keyId = keyId == null ? Optional.empty() : keyId;
        serviceTier = serviceTier == null ? Optional.empty() : serviceTier;
        subjectId = subjectId == null ? Optional.empty() : subjectId;
    }

    public CallContext(
            String caller,
            String route,
            ResponseCaching responseCache,
            boolean streaming,
            Optional<String> keyId) {
        this(caller, route, responseCache, streaming, keyId, Optional.empty(), Optional.empty());
    }

    public CallContext(String caller, String route, ResponseCaching responseCache) {
        this(caller, route, responseCache, false, Optional.empty());
    }

    /** The call on {@code tier}, as the request asked (empty: the default). */
    public CallContext withServiceTier(Optional<ServiceTier> tier) {
        return new CallContext(caller, route, responseCache, streaming, keyId, tier, subjectId);
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
                Optional.of(new Subject("conversationId", id)));
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
                Optional.of(new Subject("responseId", id)));
    }

    /** Whether the route lets the response cache answer, and whether the client asked to bypass it. */
    public enum ResponseCaching {
        /** The route's answers are not cacheable (chat, tools, streams). */
        OFF,
        /** Cacheable: a stored answer may be served, and a fresh one is stored. */
        USE,
        /** Cacheable, but the client sent {@code Cache-Control: no-cache}: call the model, store the fresh answer. */
        REFRESH
    }

    public static CallContext of(String caller, String route) {
        return new CallContext(caller, route, ResponseCaching.OFF);
    }

    /** A call for {@code caller}, charged to its id and limited by its key, if it presented one. */
    public static CallContext of(Caller caller, String route) {
        return new CallContext(caller.id(), route, ResponseCaching.OFF, false, caller.keyId());
    }

    public CallContext withResponseCache(ResponseCaching caching) {
        return new CallContext(caller, route, caching, streaming, keyId, serviceTier, subjectId);
    }

    public CallContext asStream() {
        return new CallContext(caller, route, responseCache, true, keyId, serviceTier, subjectId);
    }
}
