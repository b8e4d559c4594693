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
 * Reasoning follows the one {@link ReasoningPolicy} (the edges ask it too, to answer in their own
 * error shape). A tool choice the model does not take or obey (the matrix's
 * {@code toolChoice}) is refused too.
 */
@ApplicationScoped
public class CapabilityStage implements ModelCallStage {
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
        call.tools()
                .map(ToolOptions::choice)
                .map(CapabilityStage::choiceName)
                .filter(choice -> !can.toolChoice().contains(choice))
                .ifPresent(
                        choice -> {
                            // Bedrock refuses toolChoice any/tool for Llama ("This model doesn't
                            // support the
                            // toolConfig.toolChoice.any field."), and DeepSeek V3.x takes a named
                            // tool without obeying it.
                            throw ParleyException.validation(
                                    "model "
                                            + name(model)
                                            + " does not take toolChoice '"
                                            + choice
                                            + "' (it takes "
                                            + String.join(", ", can.toolChoice())
                                            + "; see GET /v1/models,"
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
        if (can.oneSamplingParameter()
                && call.inference().temperature().isPresent()
                && call.inference().topP().isPresent()) {
            throw ParleyException.validation(
                    "model "
                            + name(model)
                            + " takes inferenceConfig.temperature or topP,"
                            + " not both");
        }
        if (can.defaultSamplingOnly()
                && (call.inference().temperature().isPresent()
                        || call.inference().topP().isPresent())) {
            // Bedrock answers "`temperature` is deprecated for this model." for Opus 4.7 and later.
            throw ParleyException.validation(
                    "model "
                            + name(model)
                            + " takes no inferenceConfig.temperature or topP"
                            + " (it samples at its defaults only); leave them unset");
        }
        return ReasoningPolicy.apply(call);
    }

    /** The Converse name of a tool choice: auto, any or tool. */
    private static String choiceName(ToolOptions.Choice choice) {
        return choice.mode().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static ParleyException refused(ModelSpec model, String capability) {
        return ParleyException.validation(
                "model "
                        + name(model)
                        + " does not support "
                        + capability
                        + "; pick another model (see GET /v1/models, capabilities)");
    }

    private static String name(ModelSpec model) {
        return model.alias() + " (" + model.modelId() + ")";
    }
}
