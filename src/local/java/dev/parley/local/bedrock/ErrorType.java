package dev.parley.local.bedrock;

import java.util.Locale;

/**
 * The error shapes of the Bedrock Runtime API with the HTTP status each one travels with. The
 * statuses are the ones the AWS SDK's generated client registers for the service (Java SDK
 * 2.41, {@code DefaultBedrockRuntimeClient}); the SDK picks the typed exception from the
 * {@code x-amzn-ErrorType} header, so the status and the name must agree.
 */
enum ErrorType {
    VALIDATION("ValidationException", 400, "The request is invalid."),
    ACCESS_DENIED(
            "AccessDeniedException",
            403,
            "You don't have access to the model with the specified model ID."),
    RESOURCE_NOT_FOUND(
            "ResourceNotFoundException", 404, "The requested resource could not be found."),
    MODEL_TIMEOUT(
            "ModelTimeoutException",
            408,
            "Model has timed out in processing the request. Try your request again."),
    THROTTLING("ThrottlingException", 429, "Too many requests, please wait before trying again."),
    MODEL_NOT_READY(
            "ModelNotReadyException",
            429,
            "Model is not ready for inference. Wait and try your request again."),
    MODEL_ERROR(
            "ModelErrorException",
            424,
            "The model returned an error while processing the request."),
    MODEL_STREAM_ERROR("ModelStreamErrorException", 424, "The model stream encountered an error."),
    INTERNAL_SERVER(
            "InternalServerException",
            500,
            "The system encountered an unexpected error during processing. Try your request again."),
    SERVICE_UNAVAILABLE(
            "ServiceUnavailableException", 503, "Bedrock is unable to process your request."),
    SERVICE_QUOTA_EXCEEDED(
            "ServiceQuotaExceededException",
            400,
            "Your request exceeds the service quota for your account."),
    CONFLICT(
            "ConflictException",
            400,
            "The request conflicts with the current state of the resource."),
    /** Not a modelled Bedrock shape: what AWS answers for a path that names no operation. */
    UNKNOWN_OPERATION("UnknownOperationException", 404, "The requested operation does not exist.");

    private final String wireName;
    private final int status;
    private final String defaultMessage;

    ErrorType(String wireName, int status, String defaultMessage) {
        this.wireName = wireName;
        this.status = status;
        this.defaultMessage = defaultMessage;
    }

    /** The value of {@code x-amzn-ErrorType}, e.g. {@code ThrottlingException}. */
    String wireName() {
        return wireName;
    }

    int status() {
        return status;
    }

    String defaultMessage() {
        return defaultMessage;
    }

    /** The name of the exception event inside an event stream, e.g. {@code throttlingException}. */
    String eventName() {
        return Character.toLowerCase(wireName.charAt(0)) + wireName.substring(1);
    }

    /** Accepts {@code ThrottlingException}, {@code throttlingException} or {@code Throttling}. */
    static ErrorType parse(String name) {
        if (name != null) {
            String wanted = name.trim().toLowerCase(Locale.ROOT);
            for (ErrorType type : values()) {
                String wire = type.wireName.toLowerCase(Locale.ROOT);
                if (wire.equals(wanted) || wire.equals(wanted + "exception")) {
                    return type;
                }
            }
        }
        throw new IllegalArgumentException("unknown error type: " + name);
    }
}
