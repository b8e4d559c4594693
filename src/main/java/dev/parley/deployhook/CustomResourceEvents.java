package dev.parley.deployhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Recognises and reads CloudFormation's custom-resource request (AWS's "Custom resource request
 * objects": RequestType, ResponseURL, StackId, RequestId, LogicalResourceId, PhysicalResourceId,
 * ResourceProperties). Read by field, no binding: nothing to register for the native image.
 */
public final class CustomResourceEvents {
    /** Fields no other event Parley handles has; either one marks the event as CloudFormation's. */
    private static final String REQUEST_TYPE = "RequestType";

    private static final String RESPONSE_URL = "ResponseURL";

    private CustomResourceEvents() {}

    public static boolean isCustomResource(JsonNode event) {
        return event.has(REQUEST_TYPE) && (event.has(RESPONSE_URL) || event.has("StackId"));
    }

    public static CustomResourceEvent decode(JsonNode event) {
        Optional<String> physicalId = text(event, "PhysicalResourceId");
        Optional<CustomResourceEvent.ReplyTo> replyTo = replyTo(event);
        if (replyTo.isEmpty()) {
            return new CustomResourceEvent.Malformed(
                    replyProblem(event), Optional.empty(), physicalId);
        }
        Optional<CustomResourceEvent.RequestType> type =
                text(event, REQUEST_TYPE).flatMap(CustomResourceEvents::type);
        if (type.isEmpty()) {
            return new CustomResourceEvent.Malformed(
                    "RequestType must be Create, Update or Delete; got "
                            + describe(event.get(REQUEST_TYPE)),
                    replyTo,
                    physicalId);
        }
        JsonNode properties = event.path("ResourceProperties");
        if (!properties.isObject() && type.get() != CustomResourceEvent.RequestType.DELETE) {
            return new CustomResourceEvent.Malformed(
                    "ResourceProperties must be an object; got "
                            + describe(event.get("ResourceProperties")),
                    replyTo,
                    physicalId);
        }
        if (physicalId.isEmpty() && type.get() != CustomResourceEvent.RequestType.CREATE) {
            return new CustomResourceEvent.Malformed(
                    "an "
                            + type.get().name().toLowerCase(Locale.ROOT)
                            + " request needs a PhysicalResourceId",
                    replyTo,
                    physicalId);
        }
        return new CustomResourceEvent.Request(type.get(), replyTo.get(), physicalId, properties);
    }

    private static Optional<CustomResourceEvent.ReplyTo> replyTo(JsonNode event) {
        Optional<URI> url = text(event, RESPONSE_URL).flatMap(CustomResourceEvents::uri);
        Optional<String> stackId = text(event, "StackId");
        Optional<String> requestId = text(event, "RequestId");
        Optional<String> logicalId = text(event, "LogicalResourceId");
        if (url.isEmpty() || stackId.isEmpty() || requestId.isEmpty() || logicalId.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                new CustomResourceEvent.ReplyTo(
                        url.get(), stackId.get(), requestId.get(), logicalId.get()));
    }

    /** Names the first missing reply field; never quotes the URL (a pre-signed URL carries a signature). */
    private static String replyProblem(JsonNode event) {
        if (text(event, RESPONSE_URL).isEmpty()) {
            return "ResponseURL is missing or not a string";
        }
        if (text(event, RESPONSE_URL).flatMap(CustomResourceEvents::uri).isEmpty()) {
            return "ResponseURL is not an absolute http(s) URL";
        }
        for (String field : new String[] {"StackId", "RequestId", "LogicalResourceId"}) {
            if (text(event, field).isEmpty()) {
                return field + " is missing or not a string";
            }
        }
        return "the request names no reply";
    }

    private static Optional<CustomResourceEvent.RequestType> type(String name) {
        return switch (name) {
            case "Create" -> Optional.of(CustomResourceEvent.RequestType.CREATE);
            case "Update" -> Optional.of(CustomResourceEvent.RequestType.UPDATE);
            case "Delete" -> Optional.of(CustomResourceEvent.RequestType.DELETE);
            default -> Optional.empty();
        };
    }

    private static Optional<URI> uri(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme();
            boolean web = "https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme);
            return web && uri.getHost() != null ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> text(JsonNode event, String field) {
        JsonNode value = event.get(field);
        return value != null && value.isTextual() && !value.textValue().isBlank()
                ? Optional.of(value.textValue())
                : Optional.empty();
    }

    /** A short description of a wrong value: its JSON, clipped (it is only ever a type or a word). */
    private static String describe(JsonNode value) {
        if (value == null) {
            return "nothing";
        }
        String json = value.toString();
        return json.length() > 40 ? json.substring(0, 40) + "..." : json;
    }
}
