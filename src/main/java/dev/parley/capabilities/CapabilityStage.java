package dev.parley.capabilities;

import dev.parley.error.ParleyException;
import dev.parley.modelcall.ChatMessage;
import dev.parley.modelcall.ContentBlock;
import dev.parley.modelcall.ModelCall;
import dev.parley.modelcall.ModelSpec;
import dev.parley.modelcall.ToolOptions;
import dev.parley.pipeline.CallContext;
import dev.parley.pipeline.ModelCallStage;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The first stage of every model call (order 100): what the feature matrix says the model cannot
 * do is refused here, so nothing Parley sends is one Bedrock would refuse for the model it names.
 * Extended thinking follows Anthropic's rules: a budget of at least 1,024 tokens below
 * {@code maxTokens} (raised to fit when it is not), temperature left at its default, topP at 0.95
 * or more, no forced tool choice. A tool choice the model does not take or obey (the matrix's
 * {@code toolChoice}) is refused too.
 */
@ApplicationScoped
public class CapabilityStage implements ModelCallStage {
    /** Anthropic's smallest thinking budget. */
    static final int MIN_THINKING_BUDGET = 1024;
    /** Room left for the answer when maxTokens has to grow to hold the thinking budget. */
    static final int ANSWER_TOKENS = 1024;

    @Override
    public int order() {
        return 100;
    }

    @Override
    public ModelCall prepare(CallContext context, ModelCall call) {
        ModelSpec model = call.model();
        ModelSpec.Capabilities can = model.capabilities();
        if (context.streaming() && !can.streaming()) {
            throw refused(model, "streaming (ConverseStream)");
        }
        if (call.tools().isPresent() && !can.tools()) {
            throw refused(model, "tool use");
        }
        if (call.tools().isPresent() && context.streaming() && !can.streamingTools()) {
            throw refused(model, "tool use while streaming");
        }
        call.tools().map(ToolOptions::choice).map(CapabilityStage::choiceName)
                .filter(choice -> !can.toolChoice().contains(choice))
                .ifPresent(choice -> {
                    // Bedrock refuses toolChoice any/tool for Llama ("This model doesn't support the
                    // toolConfig.toolChoice.any field."), and DeepSeek V3.x takes a named tool without obeying it.
                    throw ParleyException.validation("model " + name(model) + " does not take toolChoice '" + choice
                            + "' (it takes " + String.join(", ", can.toolChoice()) + "; see GET /v1/models,"
                            + " capabilities.toolChoice)");
                });
        for (ChatMessage message : call.messages()) {
            for (ContentBlock block : message.content()) {
                if (block instanceof ContentBlock.Document && !can.documents()) {
                    throw refused(model, "documents (document chat)");
                }
                if (block instanceof ContentBlock.Image && !can.vision()) {
                    throw refused(model, "images (vision)");
                }
            }
        }
        if (can.oneSamplingParameter() && call.inference().temperature().isPresent()
                && call.inference().topP().isPresent()) {
            throw ParleyException.validation("model " + name(model) + " takes inferenceConfig.temperature or topP,"
                    + " not both");
        }
        if (can.defaultSamplingOnly() && (call.inference().temperature().isPresent()
                || call.inference().topP().isPresent())) {
            // Bedrock answers "`temperature` is deprecated for this model." for Opus 4.7 and later.
            throw ParleyException.validation("model " + name(model) + " takes no inferenceConfig.temperature or topP"
                    + " (it samples at its defaults only); leave them unset");
        }
        return call.reasoningBudget().isPresent() ? thinking(call, call.reasoningBudget().get()) : call;
    }

    private static ModelCall thinking(ModelCall call, int budget) {
        ModelSpec model = call.model();
        if (!model.capabilities().thinkingBudget()) {
            throw refused(model, "reasoning.budgetTokens (extended thinking; see GET /v1/models, capabilities.reasoning)");
        }
        if (budget < MIN_THINKING_BUDGET || budget >= model.maxOutputTokens()) {
            throw ParleyException.validation("reasoning.budgetTokens must be at least " + MIN_THINKING_BUDGET
                    + " and below the model's " + model.maxOutputTokens() + " output tokens for model " + name(model)
                    + ", got " + budget);
        }
        if (call.inference().temperature().filter(t -> t != 1.0).isPresent()) {
            throw ParleyException.validation("inferenceConfig.temperature cannot be changed while model " + name(model)
                    + " reasons (extended thinking); leave it unset");
        }
        if (call.inference().topP().filter(p -> p < 0.95).isPresent()) {
            throw ParleyException.validation("inferenceConfig.topP must be unset or at least 0.95 while model "
                    + name(model) + " reasons (extended thinking)");
        }
        if (call.tools().map(ToolOptions::choice).filter(c -> c.mode() != ToolOptions.Choice.AUTO.mode()).isPresent()) {
            throw ParleyException.validation("toolChoice must be auto while model " + name(model)
                    + " reasons (extended thinking cannot be combined with a forced tool)");
        }
        // Thinking tokens count toward maxTokens, which must stay above the budget.
        int maxTokens = call.inference().maxTokens().orElse(model.maxOutputTokens());
        if (maxTokens <= budget) {
            return call.withInference(call.inference().withMaxTokens(Math.min(model.maxOutputTokens(),
                    budget + ANSWER_TOKENS)));
        }
        return call;
    }

    /** The Converse name of a tool choice: auto, any or tool. */
    private static String choiceName(ToolOptions.Choice choice) {
        return choice.mode().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static ParleyException refused(ModelSpec model, String capability) {
        return ParleyException.validation("model " + name(model) + " does not support " + capability
                + "; pick another model (see GET /v1/models, capabilities)");
    }

    private static String name(ModelSpec model) {
        return model.alias() + " (" + model.modelId() + ")";
    }
}
