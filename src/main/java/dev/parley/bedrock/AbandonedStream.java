package dev.parley.bedrock;

import dev.parley.modelcall.ModelReply;

/**
 * A ConverseStream whose listener (the client's stream) failed part-way: the gateway stopped
 * forwarding and read Bedrock's stream to its end, so the reply's usage, what Bedrock charges, is
 * known. The pipeline charges {@link #reply()} and rethrows {@link #failure()}, the error the
 * caller would have seen anyway.
 */
public final class AbandonedStream extends RuntimeException {
    private final transient ModelReply reply;
    private final RuntimeException failure;

    public AbandonedStream(ModelReply reply, RuntimeException failure) {
        super("the stream's listener failed: " + failure.getMessage(), failure, false, false);
        this.reply = reply;
        this.failure = failure;
    }

    public ModelReply reply() {
        return reply;
    }

    public RuntimeException failure() {
        return failure;
    }
}
