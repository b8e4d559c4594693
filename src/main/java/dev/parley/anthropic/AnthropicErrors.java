package dev.parley.anthropic;

import dev.parley.error.ErrorCode;
import dev.parley.error.ParleyException;
import dev.parley.http.ErrorShape;
import dev.parley.http.HttpResponse;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every failure under {@code /anthropic/} in Anthropic's error shape
 * ({@code {"type": "error", "error": {"type", "message"}, "request_id"}}) with the statuses
 * Anthropic's SDKs act on: 400 invalid_request_error, 401 authentication_error, 403
 * permission_error, 404 not_found_error (an unknown model too), 413 request_too_large, 429
 * rate_limit_error (retried after {@code Retry-After}), 500 api_error and 529 overloaded_error
 * (both retried). The type follows the status, so an error code added later maps without a
 * change here; the message is Parley's own, never a stack trace.
 */
@ApplicationScoped
public class AnthropicErrors implements ErrorShape {
    static final String PREFIX = "/anthropic/";

    /** Anthropic's status for an overloaded API: its SDKs retry it. */
    static final int OVERLOADED = 529;

    @RegisterForReflection
    public record ErrorBody(String type, Detail error, String request_id) {}

    @RegisterForReflection
    public record Detail(String type, String message) {}

    @Override
    public boolean covers(String path) {
        return path.startsWith(PREFIX) || path.equals("/anthropic");
    }

    @Override
    public HttpResponse of(ParleyException e, String requestId) {
        int status = status(e.code());
        Map<String, String> headers = new LinkedHashMap<>(e.headers());
        headers.put("request-id", requestId);
        return new HttpResponse(status, headers, body(e, requestId));
    }

    /** The error event of a stream that failed after it started, as Anthropic sends it. */
    ErrorBody body(ParleyException e, String requestId) {
        return new ErrorBody("error", new Detail(type(status(e.code())), message(e)), requestId);
    }

    /** Anthropic's wording: the field's path first ({@code max_tokens: Field required}). */
    static String message(ParleyException e) {
        return e.param().map(path -> path + ": " + e.getMessage()).orElse(e.getMessage());
    }

    static int status(ErrorCode code) {
        return switch (code) {
            // An unknown model is Anthropic's 404 not_found_error ("model: claude-x").
            case MODEL_NOT_ALLOWED -> 404;
            // Anthropic refuses content it will not process with a 400.
            case CONTENT_BLOCKED -> 400;
            case MODEL_UNAVAILABLE -> OVERLOADED;
            // A Bedrock-side failure is an API error to the client, which may retry it.
            case MODEL_ACCESS_DENIED, MODEL_ERROR -> 500;
            default -> code.status();
        };
    }

    static String type(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404, 410 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case OVERLOADED, 503 -> "overloaded_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    }
}
