package dev.parley.usage;

import dev.parley.bedrock.ModelCatalog;
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
 * response. A prompt router's call is charged under the router and the model that answered it
 * (see {@link TierLabels#routed}).
 */
@ApplicationScoped
public class LedgerStage implements ModelCallStage {
    static final int ORDER = 900;

    private final UsageRecorder usage;
    private final Clock clock;
    private final ModelCatalog catalog;

    LedgerStage(UsageRecorder usage, Clock clock, ModelCatalog catalog) {
        this.usage = usage;
        this.clock = clock;
        this.catalog = catalog;
    }

    @Override
    public int order() {
        return ORDER;
    }

    @Override
    public void completed(CallContext context, ModelCall call, ModelReply reply, long overheadMs) {
        if (!reply.cached()) {
            usage.record(
                    new UsageEvent(
                            context.caller(),
                            context.keyId(),
                            context.route(),
                            TierLabels.label(
                                    model(reply),
                                    reply.serviceTier().or(() -> call.controls().serviceTier())),
                            reply.usage(),
                            clock.instant()));
            guardrails(context, reply);
        }
    }

    /**
     * The units of the guardrails Converse applied inside the call, billed by Bedrock apart from
     * the tokens: under the guardrail's rows (see {@link GuardrailCharges}), as ApplyGuardrail
     * checks are. Known only from the guardrail trace.
     */
    private void guardrails(CallContext context, ModelReply reply) {
        GuardrailCharges.events(
                        context.caller(),
                        context.keyId(),
                        context.route(),
                        reply.guardrailUnits(),
                        clock.instant())
                .forEach(usage::record);
    }

    /**
     * The ledger's model: the alias, or for a prompt router's answer the router's alias and the
     * model that answered, by its catalog alias (its bare model id when the catalog has no entry).
     */
    private String model(ModelReply reply) {
        return reply.invokedModelId()
                .map(
                        invoked ->
                                TierLabels.routed(
                                        reply.model().alias(), catalog.answeringAlias(invoked)))
                .orElse(reply.model().alias());
    }
}
