package dev.parley.usage;

import dev.parley.modelcall.Usage;
import java.time.Instant;
import java.util.Optional;

/**
 * One answered call (or guardrail check) to charge: what every writer of usage hands to the
 * {@link UsageRecorder}. A record so that a new dimension (an API key's id, say) is one field more.
 *
 * @param caller the identity charged (on the documents path, the document's owner)
 * @param keyId the API key the call was made with, if any (its usage is its owner's too)
 * @param route the route that made the call (kept as a set of routes on the ledger's item)
 * @param model the catalog alias of the model, or {@code guardrail:{id}} for an ApplyGuardrail check
 * @param usage the tokens (or text units) the call consumed
 * @param at when the call was answered: its UTC day is the ledger item it is added to
 */
public record UsageEvent(
        String caller,
        Optional<String> keyId,
        String route,
        String model,
        Usage usage,
        Instant at) {

    public UsageEvent {
        keyId = keyId == null ? Optional.empty() : keyId;
    }

    /** A call made without an API key. */
    public UsageEvent(String caller, String route, String model, Usage usage, Instant at) {
        this(caller, Optional.empty(), route, model, usage, at);
    }
}
