package dev.parley.http;

import dev.parley.lifecycle.LifecycleNotices;
import dev.parley.modelcall.ModelLifecycle;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Names the top-level fields of a request body that its route does not read. They are accepted
 * (a newer client may send fields an older Parley lacks) but not silently: the response carries
 * {@code X-Parley-Warning: unknown field(s) ignored: temperature (did you mean
 * inferenceConfig.temperature?)}. Each route declares the names it reads once, next to its parsing.
 */
public final class UnknownFields {
    static final String PREFIX = "unknown field(s) ignored: ";

    /** Enough to point at the mistake; a hostile body cannot grow the header past this. */
    private static final int MAX_NAMES = 10;

    private static final int MAX_NAME_CHARS = 64;

    private UnknownFields() {}

    /** The warning header for {@code body}'s unknown top-level fields, or no header when there are none. */
    public static Map<String, String> warning(JsonFields body, Set<String> known) {
        List<String> names = new ArrayList<>();
        int unknown = 0;
        for (Iterator<String> it = body.node().fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name) && unknown++ < MAX_NAMES) {
                names.add(describe(name, known.contains(ModelCallFields.INFERENCE_CONFIG)));
            }
        }
        if (names.isEmpty()) {
            return Map.of();
        }
        String more = unknown > MAX_NAMES ? " and " + (unknown - MAX_NAMES) + " more" : "";
        return Map.of(ModelLifecycle.WARNING, PREFIX + String.join(", ", names) + more);
    }

    /** {@code response} with the warning for {@code body}'s unknown fields, joined to any warning it has. */
    public static HttpResponse warn(HttpResponse response, JsonFields body, Set<String> known) {
        Map<String, String> warning = warning(body, known);
        return warning.isEmpty()
                ? response
                : new HttpResponse(
                        response.status(),
                        LifecycleNotices.merge(warning, response.headers()),
                        response.body());
    }

    /** The name, with a hint when it belongs in the route's {@code inferenceConfig}. */
    private static String describe(String name, boolean takesInference) {
        String safe = headerSafe(name);
        return takesInference && ModelCallFields.INFERENCE_FIELDS.contains(name)
                ? safe + " (did you mean " + ModelCallFields.INFERENCE_CONFIG + "." + safe + "?)"
                : safe;
    }

    /** A field name as header text: printable ASCII only (no CR/LF to split the header), bounded. */
    private static String headerSafe(String name) {
        StringBuilder safe = new StringBuilder();
        for (int i = 0; i < name.length() && safe.length() < MAX_NAME_CHARS; i++) {
            char c = name.charAt(i);
            safe.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return name.length() > MAX_NAME_CHARS ? safe + "..." : safe.toString();
    }
}
