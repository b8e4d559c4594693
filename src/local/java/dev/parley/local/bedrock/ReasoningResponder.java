package dev.parley.local.bedrock;

import dev.parley.local.bedrock.Conversation.Turn;
import dev.parley.modelcall.ModelFeatures;
import java.util.OptionalInt;

/**
 * Gives an answer the reasoning a reasoning model would send before it: DeepSeek-R1 and gpt-oss
 * reason on every answer (plain reasoning text), Nova 2 Lite only with reasoningConfig enabled (its text
 * redacted), Claude only with extended or adaptive thinking enabled, and
 * signs what it thought. The thought is deterministic, like the rest of the emulator's answers.
 */
final class ReasoningResponder {

    private ReasoningResponder() {}

    static ModelReply apply(
            ModelReply reply,
            Conversation conversation,
            ModelCatalog.ModelSpec spec,
            OptionalInt thinkingBudget) {
        ModelFeatures.Reasoning reasoning = spec.features().reasoning();
        if (reasoning == ModelFeatures.Reasoning.ALWAYS) {
            return reply.withReasoning(thought(reply, conversation), null);
        }
        if (reasoning == ModelFeatures.Reasoning.EFFORT && thinkingBudget.isPresent()) {
            // Nova 2 redacts its reasoning text (still billed); nothing to sign.
            return reply.withReasoning(NovaReasoning.REDACTED, null);
        }
        if ((reasoning.takesBudget() || reasoning.adaptive()) && thinkingBudget.isPresent()) {
            String thought = Text.clip(thought(reply, conversation), thinkingBudget.getAsInt() * 4);
            return reply.withReasoning(thought, Thinking.sign(thought));
        }
        return reply;
    }

    private static String thought(ModelReply reply, Conversation conversation) {
        Turn user = conversation.lastUser();
        if (user != null && !user.toolResults().isEmpty()) {
            return "The tool results are in. I will answer from them.";
        }
        if (!reply.toolUses().isEmpty()) {
            return "This needs the "
                    + reply.toolUses().get(0).name()
                    + " tool. I will call it first.";
        }
        String question = user == null ? "" : Text.clip(user.text(), 120);
        return "The user wrote \"" + question + "\". I will answer directly.";
    }
}
