package dev.parley.anthropic;

import dev.parley.error.ErrorCode;
import dev.parley.error.ParleyException;
import java.util.Map;

/**
 * A refusal on the Anthropic routes about the field at a path ({@code messages.1.content.0.tool_use_id});
 * {@link AnthropicErrors} words it as Anthropic does, the path first, so a client's log shows where
 * the request went wrong.
 */
final class AnthropicException extends ParleyException {

    private AnthropicException(ErrorCode code, String message, String path) {
        super(code, message, Map.of(), null, path);
    }

    /** 400 invalid_request_error about the field at {@code path} (its {@link #param()}). */
    static AnthropicException invalid(String path, String message) {
        return new AnthropicException(ErrorCode.VALIDATION_ERROR, message, path);
    }

    /** 404 not_found_error for a model this deployment does not serve. */
    static AnthropicException unknownModel(String message) {
        return new AnthropicException(ErrorCode.MODEL_NOT_ALLOWED, message, null);
    }
}
