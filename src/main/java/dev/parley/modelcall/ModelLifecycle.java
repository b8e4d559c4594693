package dev.parley.modelcall;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One catalog model's lifecycle, computed once at start-up: the request path compares the clock
 * with two instants and, for a legacy model, hands out headers built here.
 *
 * @param legacyDate the day AWS moved the model to Legacy
 * @param eolDate its end of life in the catalog entry's geography
 * @param replacement the successor to name: its alias in this catalog, or its model id when the
 *     catalog does not offer it
 */
public record ModelLifecycle(
        Optional<LocalDate> legacyDate,
        Optional<LocalDate> eolDate,
        Optional<String> replacement,
        long legacyAtMillis,
        long eolAtMillis,
        Map<String, String> v1Headers) {

    /** AWS's lifecycle policy for models launched before 2026-09-07: what every dated row of the matrix follows. */
    public static final String POLICY =
            "https://docs.aws.amazon.com/bedrock/latest/userguide/model-lifecycle-legacy.html";

    /** Where Parley's own API lists a model; a dialect may name its own ({@code http/Dialect}). */
    public static final String V1_MODELS_PATH = "/v1/models/";

    /** A model without dates: active for good. */
    public static final ModelLifecycle ACTIVE =
            new ModelLifecycle(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Long.MAX_VALUE,
                    Long.MAX_VALUE,
                    Map.of());

    /** Parley's warning header, on every family's responses (joined with "; " when a route adds its own). */
    public static final String WARNING = "X-Parley-Warning";

    /** RFC 8594's Sunset is an HTTP-date (IMF-fixdate: two-digit day, GMT). */
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
                    .withZone(ZoneOffset.UTC);

    public enum State {
        ACTIVE,
        LEGACY,
        RETIRED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ModelLifecycle {
        v1Headers = Map.copyOf(v1Headers);
    }

    /**
     * The lifecycle of a model with these dates (both start at 00:00 UTC of their day). The
     * headers: {@code Deprecation} as RFC 9745's structured-field date ({@code @} epoch seconds),
     * {@code Sunset} as RFC 8594's HTTP-date, {@code Link} to the successor's model entry
     * ({@code successor-version}, RFC 5829) and to AWS's lifecycle policy ({@code deprecation}).
     */
    public static ModelLifecycle of(
            Optional<LocalDate> legacyDate,
            Optional<LocalDate> eolDate,
            Optional<String> replacement) {
        if (legacyDate.isEmpty()) {
            return ACTIVE;
        }
        long legacyAt = startOf(legacyDate.get());
        long eolAt = eolDate.map(ModelLifecycle::startOf).orElse(Long.MAX_VALUE);
        return new ModelLifecycle(
                legacyDate,
                eolDate,
                replacement,
                legacyAt,
                eolAt,
                headers(legacyDate.get(), legacyAt, eolDate, replacement, V1_MODELS_PATH));
    }

    private static Map<String, String> headers(
            LocalDate legacyDate,
            long legacyAt,
            Optional<LocalDate> eolDate,
            Optional<String> replacement,
            String modelsPath) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Deprecation", "@" + legacyAt / 1000);
        eolDate.ifPresent(
                date -> headers.put("Sunset", HTTP_DATE.format(date.atStartOfDay(ZoneOffset.UTC))));
        StringBuilder link = new StringBuilder();
        replacement.ifPresent(
                r ->
                        link.append('<')
                                .append(modelsPath)
                                .append(r)
                                .append(">; rel=\"successor-version\", "));
        link.append('<').append(POLICY).append(">; rel=\"deprecation\"; type=\"text/html\"");
        headers.put("Link", link.toString());
        // The same in words, for people reading a log or a client that shows only X-Parley-Warning.
        headers.put(
                WARNING,
                "this model is legacy since "
                        + legacyDate
                        + eolDate.map(date -> " and retires on " + date).orElse("")
                        + replacement.map(r -> "; move to " + r).orElse(""));
        return headers;
    }

    private static long startOf(LocalDate date) {
        return date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    public State state(long nowMillis) {
        if (nowMillis >= eolAtMillis) {
            return State.RETIRED;
        }
        return nowMillis >= legacyAtMillis ? State.LEGACY : State.ACTIVE;
    }

    /**
     * The warning headers of a legacy model's response, with links into the API the caller uses
     * ({@code modelsPath}: where that API lists models). Parley's own are built once at start-up;
     * a dialect's are built when asked, which only a legacy model's answer does.
     */
    public Map<String, String> headers(String modelsPath) {
        if (V1_MODELS_PATH.equals(modelsPath) || legacyDate.isEmpty()) {
            return v1Headers;
        }
        return headers(legacyDate.get(), legacyAtMillis, eolDate, replacement, modelsPath);
    }
}
