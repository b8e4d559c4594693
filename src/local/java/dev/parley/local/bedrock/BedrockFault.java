package dev.parley.local.bedrock;

/** A Bedrock error to answer with: its shape and the message the caller will read. */
final class BedrockFault extends RuntimeException {

    private final ErrorType type;

    BedrockFault(ErrorType type, String message) {
        super(
                message == null || message.isBlank() ? type.defaultMessage() : message,
                null,
                false,
                false);
        this.type = type;
    }

    static BedrockFault validation(String message) {
        return new BedrockFault(ErrorType.VALIDATION, message);
    }

    ErrorType type() {
        return type;
    }
}
