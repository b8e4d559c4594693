package dev.parley.error;

/** The error codes of the API contract, each with the HTTP status it answers. */
public enum ErrorCode {
    BAD_REQUEST(400, "bad_request"),
    VALIDATION_ERROR(400, "validation_error"),
    MODEL_NOT_ALLOWED(400, "model_not_allowed"),
    UNAUTHORIZED(401, "unauthorized"),
    /** The caller is known but may not do this (a non-admin naming another owner, a key minting a wider key). */
    FORBIDDEN(403, "forbidden"),
    /** The API key's model list does not include the requested model; the message names the allowed ones. */
    MODEL_NOT_ALLOWED_FOR_KEY(403, "model_not_allowed_for_key"),
    NOT_FOUND(404, "not_found"),
    METHOD_NOT_ALLOWED(405, "method_not_allowed"),
    CONFLICT(409, "conflict"),
    /** The model reached its end of life on Bedrock (lifecycle/); the message names its replacement. */
    MODEL_RETIRED(410, "model_retired"),
    PAYLOAD_TOO_LARGE(413, "payload_too_large"),
    /** The guardrail blocked content Parley was about to give a model (an uploaded document). */
    CONTENT_BLOCKED(422, "content_blocked"),
    THROTTLED(429, "throttled"),
    /** The API key's requests or tokens per minute are used up (keys/); with Retry-After. */
    RATE_LIMITED(429, "rate_limited"),
    /** The caller's usage budget for the day or month is spent (see budgets/). */
    QUOTA_EXCEEDED(429, "quota_exceeded"),
    INTERNAL_ERROR(500, "internal_error"),
    MODEL_ACCESS_DENIED(502, "model_access_denied"),
    MODEL_ERROR(502, "model_error"),
    MODEL_UNAVAILABLE(503, "model_unavailable"),
    /** DynamoDB (conversations, document records) failed. */
    STORE_UNAVAILABLE(503, "store_unavailable"),
    /** S3 (the documents bucket) failed or throttled. */
    BUCKET_UNAVAILABLE(503, "bucket_unavailable"),
    /**
     * A WebSocket chat turn could not be handed to the stream function (missing, not allowed, Lambda
     * failed), or Lambda accepted it but the stream never completed (its on-failure record).
     */
    STREAM_UNAVAILABLE(503, "stream_unavailable"),
    MODEL_TIMEOUT(504, "model_timeout");

    private final int status;
    private final String code;

    ErrorCode(int status, String code) {
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
