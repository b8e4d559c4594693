package dev.parley.caching;

import dev.parley.modelcall.CachePoints;
import dev.parley.modelcall.ChatMessage;
import dev.parley.modelcall.ContentBlock;
import dev.parley.modelcall.ModelCall;
import dev.parley.modelcall.ModelSpec;
import dev.parley.pipeline.CallContext;
import dev.parley.pipeline.ModelCallStage;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Places Bedrock prompt-cache points where they pay: after the tool definitions, after the system
 * prompt and at the end of the stable conversation prefix (every message but the newest), in the
 * order Bedrock reads the prompt (tools, system, messages). A point is placed only when the
 * tokens since the previous one reach the model's minimum, because Bedrock caches nothing
 * shorter (and a point on a model without prompt caching is refused), so only models whose
 * feature-matrix row says {@code promptCache} get any, at its {@code promptCacheMinTokens}. The
 * row also says whether the tool definitions take a point ({@code promptCacheInTools}: Claude; Nova
 * takes points in system and messages only and refuses one in tools), the largest cacheable prefix
 * ({@code promptCacheMaxTokens}: Nova's 20K, so no point is placed past it) and whether a point may
 * ask for the one-hour TTL ({@code parley.prompt-caching.ttl=1h}; models without
 * {@code promptCacheLongTtl} keep the five-minute default, as Bedrock refuses any ttl from them).
 * On a model that caches no tool definitions the message point goes after the text of a user turn
 * only: Nova refuses a cache point in an assistant turn or after a tool result ("extraneous key
 * [cachePoint] is not permitted").
 */
@ApplicationScoped
public class PromptCacheStage implements ModelCallStage {
    static final int ORDER = 400;

    private final PromptCacheSettings settings;

    private final boolean oneHour;

    PromptCacheStage(PromptCacheSettings settings) {
        this.settings = settings;
        this.oneHour =
                switch (settings.ttl()) {
                    case "5m" -> false;
                    case "1h" -> true;
                    default ->
                            throw new IllegalStateException(
                                    "parley.prompt-caching.ttl must be 5m or 1h (Bedrock's cache TTLs),"
                                            + " not '"
                                            + settings.ttl()
                                            + "'");
                };
    }

    @Override
    public int order() {
        return ORDER;
    }

    @Override
    public ModelCall prepare(CallContext context, ModelCall call) {
        ModelSpec.Capabilities capabilities = call.model().capabilities();
        if (call.cachePoints().any()) {
            return call.withCachePoints(asked(call));
        }
        if (!settings.enabled() || !capabilities.promptCache()) {
            return call;
        }
        return call.withCachePoints(place(call, oneHour && capabilities.promptCacheLongTtl()));
    }

    /**
     * The points a client placed itself (Anthropic's {@code cache_control}), kept where the model
     * takes them: none on a model without prompt caching (Bedrock refuses a cache point there), none
     * after the tool definitions where the model caches no tools, a message point only after a
     * user's text on such a model, and the one-hour TTL only where the model has it.
     */
    static CachePoints asked(ModelCall call) {
        ModelSpec.Capabilities model = call.model().capabilities();
        CachePoints points = call.cachePoints();
        if (!model.promptCache()) {
            return CachePoints.NONE;
        }
        int message = points.afterMessage();
        boolean messageTakes =
                message >= 0
                        && message < call.messages().size()
                        && (model.promptCacheTools()
                                || endsWithUserText(call.messages().get(message)));
        CachePoints kept =
                new CachePoints(
                        points.afterSystem() && call.system().isPresent() && model.system(),
                        points.afterTools() && model.promptCacheTools() && call.tools().isPresent(),
                        messageTakes ? message : -1,
                        points.oneHour() && model.promptCacheLongTtl());
        return kept.any() ? kept : CachePoints.NONE;
    }

    static CachePoints place(ModelCall call, boolean oneHour) {
        ModelSpec.Capabilities model = call.model().capabilities();
        int minTokens = model.promptCacheMinTokens();
        // Past the model's largest cacheable prefix a point caches nothing: none is placed there.
        int maxTokens =
                model.promptCacheMaxTokens() > 0 ? model.promptCacheMaxTokens() : Integer.MAX_VALUE;
        int total = 0;
        int sinceLast = 0;
        boolean afterTools = false;
        if (call.tools().isPresent()) {
            int tokens = PromptTokens.of(call.tools().get());
            total += tokens;
            sinceLast += tokens;
            if (model.promptCacheTools() && sinceLast >= minTokens && total <= maxTokens) {
                afterTools = true;
                sinceLast = 0;
            }
        }
        boolean afterSystem = false;
        // A model without system prompts gets the system text in its first message
        // (ConverseMapper).
        if (call.system().isPresent() && model.system()) {
            int tokens = PromptTokens.of(call.system().get());
            total += tokens;
            sinceLast += tokens;
            if (sinceLast >= minTokens && total <= maxTokens) {
                afterSystem = true;
                sinceLast = 0;
            }
        }
        int afterMessage = -1;
        int stableEnd = call.messages().size() - 2;
        for (int i = 0; i <= stableEnd; i++) {
            int tokens = PromptTokens.of(call.messages().get(i));
            total += tokens;
            sinceLast += tokens;
            if (total > maxTokens) {
                break;
            }
            if (sinceLast >= minTokens
                    && (model.promptCacheTools() || endsWithUserText(call.messages().get(i)))) {
                afterMessage = i;
            }
        }
        CachePoints points = new CachePoints(afterSystem, afterTools, afterMessage, oneHour);
        return points.any() ? points : CachePoints.NONE;
    }

    /** A user turn whose last block is text: the only place Nova takes a cache point in messages. */
    private static boolean endsWithUserText(ChatMessage message) {
        return message.role() == ChatMessage.Role.USER
                && !message.content().isEmpty()
                && message.content().get(message.content().size() - 1) instanceof ContentBlock.Text;
    }
}
