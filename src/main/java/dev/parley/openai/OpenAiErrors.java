package dev.parley.openai;

import dev.parley.error.ErrorCode;
import dev.parley.error.ParleyException;
import dev.parley.http.ErrorShape;
import dev.parley.http.HttpResponse;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Every failure under {@code /openai/} in OpenAI's error shape, with the statuses OpenAI's clients
 * act on: 400 invalid_request_error (with the parameter), 401, 404 (unknown model or path), 429
 * with {@code Retry-After} (the SDKs wait and retry), 500 and 503 (retried as server errors).
 * The message is Parley's own, never a stack trace.
 */
@ApplicationScoped
public class OpenAiErrors implements ErrorShape {
    static final String PREFIX = "/openai/";

    @RegisterForReflection
    public record ErrorBody(Detail error) {}

    @RegisterForReflection
    public record Detail(String message, String type, String param, String code) {}

    private record Mapped(int status, String type, String code) {}

    @Override
    public boolean covers(String path) {
        return path.startsWith(PREFIX) || path.equals("/openai");
    }

    @Override
    public HttpResponse of(ParleyException e, String requestId) {
        Mapped mapped = map(e.code());
        String param = e.param().orElse(null);
        String code =
                e instanceof OpenAiException openAi
                        ? openAi.openAiCode().orElse(mapped.code())
                        : mapped.code();
        return new HttpResponse(
                mapped.status(),
                e.headers(),
                new ErrorBody(new Detail(e.getMessage(), mapped.type(), param, code)));
    }

    private static Mapped map(ErrorCode code) {
        return switch (code) {
            case BAD_REQUEST, VALIDATION_ERROR -> new Mapped(400, "invalid_request_error", null);
            case MODEL_NOT_ALLOWED -> new Mapped(404, "invalid_request_error", "model_not_found");
            case UNAUTHORIZED -> new Mapped(401, "invalid_request_error", "invalid_api_key");
            case FORBIDDEN -> new Mapped(403, "invalid_request_error", "forbidden");
            // OpenAI answers a project key without access to a model with 403 too.
            case MODEL_NOT_ALLOWED_FOR_KEY ->
                    new Mapped(403, "invalid_request_error", "model_not_allowed_for_key");
            case NOT_FOUND -> new Mapped(404, "invalid_request_error", "not_found");
            case METHOD_NOT_ALLOWED ->
                    new Mapped(405, "invalid_request_error", "method_not_allowed");
            case CONFLICT -> new Mapped(409, "invalid_request_error", "conflict");
            case MODEL_RETIRED -> new Mapped(410, "invalid_request_error", "model_retired");
            case PAYLOAD_TOO_LARGE -> new Mapped(413, "invalid_request_error", "request_too_large");
            // OpenAI refuses content its policy blocks with a 400 as well.
            case CONTENT_BLOCKED ->
                    new Mapped(400, "invalid_request_error", "content_policy_violation");
            case THROTTLED, RATE_LIMITED ->
                    new Mapped(429, "rate_limit_error", "rate_limit_exceeded");
            // A spent Parley budget is what OpenAI answers for a spent quota: 429
            // insufficient_quota.
            case QUOTA_EXCEEDED -> new Mapped(429, "insufficient_quota", "insufficient_quota");
            case INTERNAL_ERROR, MODEL_ERROR, MODEL_ACCESS_DENIED ->
                    new Mapped(500, "server_error", code.code());
            case MODEL_UNAVAILABLE,
                    STORE_UNAVAILABLE,
                    BUCKET_UNAVAILABLE,
                    STREAM_UNAVAILABLE,
                    MODEL_TIMEOUT ->
                    new Mapped(503, "server_error", code.code());
        };
    }
}
