package dev.parley.keys;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.error.ParleyException;
import dev.parley.http.HttpResponse;
import dev.parley.http.JsonFields;
import dev.parley.http.UnknownFields;
import dev.parley.modelcall.ServiceTier;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads the fields of {@code POST} and {@code PATCH /v1/keys} bodies. For PATCH, a field that is
 * absent keeps its value and a field that is {@code null} removes the limit (or the expiry).
 */
final class KeyFields {
    static final int MAX_NAME_CHARS = 100;

    /** What PATCH reads; others are named in a warning ({@code http/UnknownFields}). */
    static final Set<String> CHANGE_FIELDS =
            Set.of(
                    "name",
                    "models",
                    "rpm",
                    "tpm",
                    "dailyTokens",
                    "dailyUsd",
                    "monthlyTokens",
                    "monthlyUsd",
                    "serviceTier",
                    "expiresAt");

    /** What POST reads: PATCH's fields and {@code admin}, which only a new key can be given. */
    static final Set<String> CREATE_FIELDS =
            Set.of(
                    "name",
                    "models",
                    "rpm",
                    "tpm",
                    "dailyTokens",
                    "dailyUsd",
                    "monthlyTokens",
                    "monthlyUsd",
                    "serviceTier",
                    "expiresAt",
                    "admin");

    private static final long MAX_COUNT = 1_000_000_000_000L;

    private final JsonFields fields;
    private final KeyModels catalog;

    KeyFields(JsonFields fields, KeyModels catalog) {
        this.fields = fields;
        this.catalog = catalog;
    }

    /** {@code response} naming the body's top-level fields that {@code known} leaves out. */
    HttpResponse warnUnknown(HttpResponse response, Set<String> known) {
        return UnknownFields.warn(response, fields, known);
    }

    String name() {
        return checkName(fields.requiredText("name"));
    }

    Optional<String> nameIfPresent() {
        return fields.optionalString("name").map(KeyFields::checkName);
    }

    boolean admin() {
        JsonNode value = fields.node().get("admin");
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw ParleyException.validation(
                    "admin must be a boolean, not " + JsonFields.typeName(value));
        }
        return value.booleanValue();
    }

    /** The limits of a new key, or {@code current} changed by the fields present (PATCH). */
    KeyLimits limits(KeyLimits current) {
        return new KeyLimits(
                present("models") ? models() : current.models(),
                present("rpm")
                        ? fields.optionalInteger("rpm", 1, 1_000_000)
                                .map(OptionalInt::of)
                                .orElse(OptionalInt.empty())
                        : current.rpm(),
                present("tpm") ? count("tpm") : current.tpm(),
                present("dailyTokens") ? count("dailyTokens") : current.dailyTokens(),
                present("dailyUsd") ? usd("dailyUsd") : current.dailyUsd(),
                present("monthlyTokens") ? count("monthlyTokens") : current.monthlyTokens(),
                present("monthlyUsd") ? usd("monthlyUsd") : current.monthlyUsd(),
                present("serviceTier") ? serviceTier() : current.serviceTier());
    }

    /** The key's default service tier; null clears it. */
    private Optional<ServiceTier> serviceTier() {
        return fields.optionalString("serviceTier")
                .map(
                        name ->
                                ServiceTier.parse(name)
                                        .orElseThrow(
                                                () ->
                                                        ParleyException.validation(
                                                                "serviceTier must be one of "
                                                                        + ServiceTier.names()
                                                                        + ", got '"
                                                                        + name
                                                                        + "'")));
    }

    Optional<Instant> expiresAt(Optional<Instant> current, Instant now) {
        if (!present("expiresAt")) {
            return current;
        }
        Optional<String> text = fields.optionalString("expiresAt");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Instant at;
        try {
            at = Instant.parse(text.get());
        } catch (DateTimeParseException e) {
            throw ParleyException.validation(
                    "expiresAt must be an ISO-8601 instant such as 2027-01-31T00:00:00Z");
        }
        if (!at.isAfter(now)) {
            throw ParleyException.validation("expiresAt must be in the future, got " + at);
        }
        return Optional.of(at);
    }

    private boolean present(String name) {
        return fields.node().has(name);
    }

    private List<String> models() {
        List<String> requested = fields.optionalStringList("models").orElse(List.of());
        LinkedHashSet<String> aliases = new LinkedHashSet<>();
        for (String model : requested) {
            aliases.add(
                    catalog.alias(model)
                            .orElseThrow(
                                    () ->
                                            ParleyException.validation(
                                                    "models: '"
                                                            + model
                                                            + "' is not in the allow-list;"
                                                            + " allowed: "
                                                            + String.join(
                                                                    ", ", catalog.aliases()))));
        }
        if (present("models") && aliases.isEmpty() && fields.node().get("models").isArray()) {
            throw ParleyException.validation(
                    "models must name at least one model (omit it, or send null, for every model)");
        }
        return new ArrayList<>(aliases);
    }

    private OptionalLong count(String name) {
        JsonNode value = fields.node().get(name);
        if (value == null || value.isNull()) {
            return OptionalLong.empty();
        }
        if (!value.isIntegralNumber()
                || !value.canConvertToLong()
                || value.longValue() < 1
                || value.longValue() > MAX_COUNT) {
            throw ParleyException.validation(
                    name + " must be a whole number from 1 to " + MAX_COUNT);
        }
        return OptionalLong.of(value.longValue());
    }

    private Optional<BigDecimal> usd(String name) {
        JsonNode value = fields.node().get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isNumber()
                || value.decimalValue().signum() <= 0
                || value.decimalValue().compareTo(BigDecimal.valueOf(MAX_COUNT)) > 0) {
            throw ParleyException.validation(name + " must be a positive amount of US dollars");
        }
        return Optional.of(value.decimalValue().stripTrailingZeros());
    }

    private static String checkName(String name) {
        String stripped = name.strip();
        if (stripped.isEmpty()) {
            throw ParleyException.validation("name must not be blank");
        }
        if (stripped.length() > MAX_NAME_CHARS
                || stripped.chars().anyMatch(Character::isISOControl)) {
            throw ParleyException.validation(
                    "name must be at most "
                            + MAX_NAME_CHARS
                            + " characters without control characters");
        }
        return stripped;
    }
}
