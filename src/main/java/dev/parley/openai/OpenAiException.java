package dev.parley.openai;

import dev.parley.error.ErrorCode;
import dev.parley.error.ParleyException;
import java.util.Map;
import java.util.Optional;

/**
 * A refusal on the OpenAI-compatible routes that names the request parameter at fault, as
 * OpenAI's {@code error.param} does (e.g. {@code messages[2].tool_call_id}), and may carry OpenAI's
 * {@code error.code}.
 */
public final class OpenAiException extends ParleyException {
    private final String openAiCode;

    private OpenAiException(ErrorCode code, String message, String param, String openAiCode) {
        super(code, message, Map.of(), null, param);
        this.openAiCode = openAiCode;
    }

    /** 400 invalid_request_error naming {@code param}. */
    public static OpenAiException invalid(String param, String message) {
        return new OpenAiException(ErrorCode.VALIDATION_ERROR, message, param, null);
    }

    /** 400 for a value Parley understands but cannot serve through Bedrock ({@code code: unsupported_value}). */
    public static OpenAiException unsupported(String param, String message) {
        return new OpenAiException(ErrorCode.VALIDATION_ERROR, message, param, "unsupported_value");
    }

    /** 404 for a resource the caller does not have (absent, expired or someone else's), naming {@code param}. */
    public static OpenAiException notFound(String param, String message) {
        return new OpenAiException(ErrorCode.NOT_FOUND, message, param, "not_found");
    }

    /** 404 {@code model_not_found}, as OpenAI answers for a model the caller cannot use. */
    public static OpenAiException modelNotFound(String model, String detail) {
        return new OpenAiException(
                ErrorCode.MODEL_NOT_ALLOWED,
                "The model `"
                        + model
                        + "` does not exist or you do not have access to it. "
                        + detail,
                "model",
                "model_not_found");
    }

    Optional<String> openAiCode() {
        return Optional.ofNullable(openAiCode);
    }
}
