package dev.parley.local.bedrock.guardrails;

/**
 * A refusal of a guardrail operation, named by its Bedrock error shape (e.g.
 * {@code ValidationException}); the emulator's router answers it like any other Bedrock error.
 */
public final class GuardrailFault extends RuntimeException {

    private final String errorType;

    GuardrailFault(String errorType, String message) {
        super(message, null, false, false);
        this.errorType = errorType;
    }

    static GuardrailFault validation(String message) {
        return new GuardrailFault("ValidationException", message);
    }

    static GuardrailFault notFound(String message) {
        return new GuardrailFault("ResourceNotFoundException", message);
    }

    static GuardrailFault conflict(String message) {
        return new GuardrailFault("ConflictException", message);
    }

    /** The {@code x-amzn-ErrorType} of the refusal. */
    public String errorType() {
        return errorType;
    }
}
