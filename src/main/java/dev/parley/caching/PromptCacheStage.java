package dev.parley.caching;

import dev.parley.bedrock.CachePoints;
import dev.parley.bedrock.ModelCall;
import dev.parley.bedrock.ModelSpec;
import dev.parley.pipeline.CallContext;
import dev.parley.pipeline.ModelCallStage;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Places Bedrock prompt-cache points where they pay: after the tool definitions, after the system
 * prompt and at the end of the stable conversation prefix (every message but the newest), in the
 * order Bedrock reads the prompt (tools, system, messages). A point is placed only when the
 * tokens since the previous one reach the model's minimum, because Bedrock caches nothing
 * shorter (and a point on a model without prompt caching is refused), so only models whose
 * feature-matrix row says {@code promptCache} get any, at its {@code promptCacheMinTokens}. Only
 * Anthropic models take a point after the tool definitions (Bedrock's prompt-caching table: Claude
 * caches system, messages and tools; Nova system and messages).
 */
@ApplicationScoped
public class PromptCacheStage implements ModelCallStage {
    static final int ORDER = 400;

    private final PromptCacheSettings settings;

    PromptCacheStage(PromptCacheSettings settings) {
        this.settings = settings;
    }

    @Override
    public int order() {
        return ORDER;
    }

    @Override
    public ModelCall prepare(CallContext context, ModelCall call) {
        ModelSpec.Capabilities capabilities = call.model().capabilities();
        if (!settings.enabled() || !capabilities.promptCache()) {
            return call;
        }
        return call.withCachePoints(place(call, capabilities.promptCacheMinTokens(),
                "anthropic".equalsIgnoreCase(call.model().provider())));
    }

    static CachePoints place(ModelCall call, int minTokens, boolean toolsTakePoints) {
        ModelSpec model = call.model();
        int sinceLast = 0;
        boolean afterTools = false;
        if (call.tools().isPresent()) {
            sinceLast += PromptTokens.of(call.tools().get());
            if (toolsTakePoints && sinceLast >= minTokens) {
                afterTools = true;
                sinceLast = 0;
            }
        }
        boolean afterSystem = false;
        // A model without system prompts gets the system text in its first message (ConverseMapper).
        if (call.system().isPresent() && model.capabilities().system()) {
            sinceLast += PromptTokens.of(call.system().get());
            if (sinceLast >= minTokens) {
                afterSystem = true;
                sinceLast = 0;
            }
        }
        int stableEnd = call.messages().size() - 2;
        for (int i = 0; i <= stableEnd; i++) {
            sinceLast += PromptTokens.of(call.messages().get(i));
        }
        int afterMessage = stableEnd >= 0 && sinceLast >= minTokens ? stableEnd : -1;
        return new CachePoints(afterSystem, afterTools, afterMessage);
    }
}
