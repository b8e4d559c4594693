package dev.parley.controls;

import dev.parley.pipeline.CallContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code requestMetadata} of a call: the route, the API key's id and the conversation or
 * stored response, so that Bedrock's model-invocation logs attribute every call. Ids only: never
 * the caller's name, a key's name or message text. Bedrock's limits (its API reference for
 * {@code requestMetadata} and the invocation-log filters): keys of 1 to 256 and values of up to 256
 * characters from {@code [a-zA-Z0-9\s._:/=+$@-]}, at most 16 pairs; Parley writes at most four.
 */
public final class InvocationTags {
    public static final String ROUTE = "parley.route";
    public static final String KEY_ID = "parley.keyId";
    private static final Pattern OUTSIDE_BEDROCKS_SET = Pattern.compile("[^a-zA-Z0-9\\s._:/=+$@-]");
    private static final int MAX_VALUE = 256;

    private InvocationTags() {}

    public static Map<String, String> of(CallContext context) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(ROUTE, value(context.route()));
        context.keyId().ifPresent(id -> tags.put(KEY_ID, value(id)));
        context.subjectId()
                .ifPresent(subject -> tags.put("parley." + subject.kind(), value(subject.id())));
        return tags;
    }

    /** Parley's ids fit Bedrock's set already; anything else is replaced rather than refused by Bedrock. */
    private static String value(String id) {
        String fitted =
                OUTSIDE_BEDROCKS_SET.matcher(Optional.ofNullable(id).orElse("")).replaceAll("_");
        return fitted.length() > MAX_VALUE ? fitted.substring(0, MAX_VALUE) : fitted;
    }
}
