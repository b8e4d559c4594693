package dev.parley.error;

import java.util.Map;
import java.util.Optional;

/**
 * The one exception type business code throws. Bedrock and storage failures are translated into
 * it where they happen (see bedrock/BedrockErrors); the entry point turns it into an HTTP error
 * body, so no SDK exception or stack trace ever reaches a client.
 */
public class ParleyException extends RuntimeException {
    private final ErrorCode code;
    private final Map<String, String> headers;
    private final String param;

    public ParleyException(ErrorCode code, String message) {
        this(code, message, Map.of(), null);
    }

    public ParleyException(
            ErrorCode code, String message, Map<String, String> headers, Throwable cause) {
        this(code, message, headers, cause, null);
    }

    /**
     * @param param the request parameter at fault, in the protocol's own spelling
     *     ({@code messages[2].tool_call_id}, {@code thinking.budget_tokens}), or null
     */
    protected ParleyException(
            ErrorCode code,
            String message,
            Map<String, String> headers,
            Throwable cause,
            String param) {
        super(message, cause);
        this.code = code;
        this.headers = Map.copyOf(headers);
        this.param = param == null || param.isEmpty() ? null : param;
    }

    public static ParleyException validation(String message) {
        return new ParleyException(ErrorCode.VALIDATION_ERROR, message);
    }

    /**
     * A 400 about one request parameter. Each protocol's error shape names it its own way (OpenAI's
     * {@code param}, Anthropic's message prefix); Parley's own shape keeps the message alone.
     */
    public static ParleyException invalidParam(String param, String message) {
        return new ParleyException(ErrorCode.VALIDATION_ERROR, message, Map.of(), null, param);
    }

    public static ParleyException badRequest(String message) {
        return new ParleyException(ErrorCode.BAD_REQUEST, message);
    }

    public static ParleyException notFound(String message) {
        return new ParleyException(ErrorCode.NOT_FOUND, message);
    }

    public static ParleyException tooLarge(String message) {
        return new ParleyException(ErrorCode.PAYLOAD_TOO_LARGE, message);
    }

    public ErrorCode code() {
        return code;
    }

    /** Extra response headers the error carries, such as {@code Retry-After} or {@code Allow}. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The request parameter at fault, when the refusal is about one. */
    public Optional<String> param() {
        return Optional.ofNullable(param);
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }
}
