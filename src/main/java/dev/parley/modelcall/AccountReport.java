package dev.parley.modelcall;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * What the account and Region said about one catalog model at the last catalog refresh: its
 * {@code ListFoundationModels} lifecycle ({@code ACTIVE} / {@code LEGACY} and dates; no status when
 * the Region does not list it) and whether it can be called (availability, agreement, the
 * inference profile), with the reasons when it cannot. Stored as JSON; dates are days (UTC).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccountReport(
        String modelId,
        String status,
        LocalDate legacyDate,
        LocalDate eolDate,
        boolean callable,
        List<String> problems,
        Instant checkedAt) {

    public static final String LEGACY = "LEGACY";

    public AccountReport {
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    /**
     * The day the account says the model became legacy: its {@code legacyTime}, or the day of the
     * check when Bedrock reports {@code LEGACY} without one.
     */
    @JsonIgnore
    public Optional<LocalDate> legacySince() {
        if (legacyDate != null) {
            return Optional.of(legacyDate);
        }
        return LEGACY.equals(status)
                ? Optional.of(LocalDate.ofInstant(checkedAt, ZoneOffset.UTC))
                : Optional.empty();
    }

    /** Whether an operator should look at it: the account reports it legacy, or it cannot be called. */
    @JsonIgnore
    public boolean needsAttention() {
        return LEGACY.equals(status) || !callable;
    }
}
