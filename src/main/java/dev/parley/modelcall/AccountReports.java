package dev.parley.modelcall;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** One catalog refresh: when it ran and its report per catalog model id (as the catalog names it). */
@RegisterForReflection
public record AccountReports(Instant checkedAt, Map<String, AccountReport> byModelId) {

    public static final AccountReports NONE = new AccountReports(Instant.EPOCH, Map.of());

    public AccountReports {
        byModelId = Map.copyOf(byModelId);
    }

    public Optional<AccountReport> of(String catalogModelId) {
        return Optional.ofNullable(byModelId.get(catalogModelId));
    }
}
