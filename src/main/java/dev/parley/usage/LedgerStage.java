package dev.parley.usage;

import dev.parley.modelcall.ModelCall;
import dev.parley.modelcall.ModelReply;
import dev.parley.pipeline.CallContext;
import dev.parley.pipeline.ModelCallStage;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/**
 * Charges every answered Converse and ConverseStream call to the context's caller (on the
 * documents path, the document's owner). An answer from the response cache cost no tokens and
 * is not charged. The charge is handed to the {@link UsageRecorder}, which writes it after the
 * response.
 */
@ApplicationScoped
public class LedgerStage implements ModelCallStage {
    static final int ORDER = 900;

    private final UsageRecorder usage;
    private final Clock clock;

    LedgerStage(UsageRecorder usage, Clock clock) {
        this.usage = usage;
        this.clock = clock;
    }

    @Override
    public int order() {
        return ORDER;
    }

    @Override
    public void completed(CallContext context, ModelCall call, ModelReply reply, long overheadMs) {
        if (!reply.cached()) {
            usage.record(new UsageEvent(context.caller(), context.keyId(), context.route(),
                    TierLabels.label(reply.model().alias(), reply.serviceTier().or(() -> call.controls().serviceTier())),
                    reply.usage(), clock.instant()));
        }
    }
}
