package dev.parley.local.bedrock;

/**
 * Decides who answers a model call, shared by Converse and InvokeModel: the first matching
 * scripted entry if there is one (its delay, error or reply), otherwise the default model.
 */
final class Responder {

    /** The reply to send and the script entry it came from (null for the default model). */
    record Plan(ModelReply reply, ScriptEntry entry) {}

    private Responder() {}

    static Plan plan(
            EmulatorState state,
            String modelId,
            Conversation conversation,
            int maxTokens,
            boolean streaming) {
        ScriptEntry entry = state.queue().take(modelId);
        if (entry != null) {
            HttpIo.sleep(entry.delayMs());
            boolean midStream = streaming && entry.streamErrorAfterDeltas() != null;
            if (entry.error() != null && !midStream) {
                throw new BedrockFault(entry.error().type(), entry.error().message());
            }
        }
        ModelReply reply =
                entry != null && entry.hasReply()
                        ? DeterministicModel.scripted(conversation, entry, maxTokens)
                        : DeterministicModel.reply(conversation, maxTokens);
        if (entry != null && entry.stopReason() != null) {
            reply = reply.withStopReason(entry.stopReason());
        }
        return new Plan(reply, entry);
    }
}
