package dev.parley.tools;

/** A tool failure whose message is meant for the model (and the caller), e.g. "unknown place 'Atlantis'". */
public class ToolException extends RuntimeException {
    public ToolException(String message) {
        super(message);
    }

    public ToolException(String message, Throwable cause) {
        super(message, cause);
    }
}
