package dev.parley.usage;

/**
 * Where every writer of usage (the pipeline's {@link LedgerStage}, {@code invoke/MeteredInvoke},
 * {@code guardrails/ContentGuard}) hands an answered call. Where and when it is written is the
 * implementation's business ({@link PendingUsage}: after the response, one idempotent write per
 * ledger item). Never throws and never blocks on I/O: it runs on the caller's critical path.
 */
public interface UsageRecorder {

    void record(UsageEvent event);
}
