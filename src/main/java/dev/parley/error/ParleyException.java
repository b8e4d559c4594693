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

    public ParleyException(ErrorCode code, String message) {
        this(code, message, Map.of(), null);
    }

    public ParleyException(ErrorCode code, String message, Map<String, String> headers, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.headers = Map.copyOf(headers);
    }

    public static ParleyException validation(String message) {
        return new ParleyException(ErrorCode.VALIDATION_ERROR, message);
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

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }
}
