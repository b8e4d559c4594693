package dev.parley.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.http.HttpResponse;
import dev.parley.http.RawJson;
import dev.parley.http.TextBody;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Encodes an {@link HttpResponse} as the proxy-integration result. The shape
 * ({@code statusCode, headers, body, isBase64Encoded}) is the same for HTTP API 2.0, REST API 1.0
 * and Function URLs, so one encoder serves all three.
 */
@ApplicationScoped
class HttpResponseEncoder {
    static final String JSON = "application/json; charset=utf-8";

    private final ObjectMapper mapper;

    HttpResponseEncoder(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ObjectNode encode(HttpResponse response, String requestId) {
        ObjectNode result = mapper.createObjectNode();
        result.put("statusCode", response.status());
        ObjectNode headers = result.putObject("headers");
        if (response.body() instanceof TextBody text) {
            headers.put("Content-Type", text.contentType());
        } else if (response.body() != null) {
            headers.put("Content-Type", JSON);
        }
        headers.put("X-Request-Id", requestId);
        response.headers().forEach(headers::put);
        result.put("body", body(response));
        result.put("isBase64Encoded", false);
        return result;
    }

    private String body(HttpResponse response) {
        if (response.body() == null) {
            return "";
        }
        if (response.body() instanceof RawJson raw) {
            return raw.json();
        }
        if (response.body() instanceof TextBody text) {
            return text.text();
        }
        try {
            return mapper.writeValueAsString(response.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "response body of type "
                            + response.body().getClass().getName()
                            + " is not serializable",
                    e);
        }
    }
}
