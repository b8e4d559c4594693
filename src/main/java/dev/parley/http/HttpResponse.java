package dev.parley.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP response before it is encoded for the event source.
 *
 * @param body a JSON-serializable value, or {@code null} for no body
 */
public record HttpResponse(int status, Map<String, String> headers, Object body) {

    public HttpResponse {
        headers = Map.copyOf(headers);
    }

    public static HttpResponse ok(Object body) {
        return new HttpResponse(200, Map.of(), body);
    }

    public static HttpResponse created(String location, Object body) {
        return new HttpResponse(201, Map.of("Location", location), body);
    }

    public static HttpResponse noContent() {
        return new HttpResponse(204, Map.of(), null);
    }

    public HttpResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new HttpResponse(status, copy, body);
    }
}
