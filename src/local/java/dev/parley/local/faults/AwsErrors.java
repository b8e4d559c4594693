package dev.parley.local.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

/**
 * AWS errors as the services put them on the wire, so the unmodified SDK clients turn them into
 * the same typed exceptions as in production:
 * <ul>
 * <li>DynamoDB (JSON 1.0): status 400 (500 for server errors), {@code Content-Type:
 * application/x-amz-json-1.0}, the shape in {@code __type} ({@code namespace#Name}) and a
 * {@code message}; TransactionCanceledException carries {@code Message} and one
 * {@code CancellationReasons} entry per item of the transaction.</li>
 * <li>S3 (REST-XML): the status, and {@code <Error><Code>..</Code><Message>..</Message>}
 * with a request id; {@code SlowDown} travels with 503.</li>
 * <li>Bedrock Runtime and the API Gateway Management API (REST-JSON): the status, the shape in
 * the {@code x-amzn-ErrorType} header and a {@code {"message"}} body.</li>
 * <li>Lambda (REST-JSON): the status, the shape in {@code x-amzn-ErrorType} and a
 * {@code {"Type", "message"}} body ({@code Type} is {@code User}, or {@code Service} for 5xx).</li>
 * </ul>
 */
public final class AwsErrors {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DYNAMODB = "com.amazonaws.dynamodb.v20120810#";

    /** DynamoDB's cancellation reason codes, as documented for TransactionCanceledException. */
    public static final String[] CANCELLATION_CODES = {
        "ConditionalCheckFailed",
        "ItemCollectionSizeLimitExceeded",
        "TransactionConflict",
        "ProvisionedThroughputExceeded",
        "ThrottlingError",
        "ValidationError"
    };

    private AwsErrors() {}

    public static Fault.Respond dynamoThrottling() {
        return dynamo(
                400,
                "com.amazon.coral.availability#ThrottlingException",
                "Rate of requests exceeds the allowed throughput.");
    }

    public static Fault.Respond dynamoProvisionedThroughputExceeded() {
        return dynamo(
                400,
                DYNAMODB + "ProvisionedThroughputExceededException",
                "The level of configured provisioned"
                        + " throughput for the table was exceeded. Consider increasing your provisioning level with the"
                        + " UpdateTable API.");
    }

    public static Fault.Respond dynamoInternalServerError() {
        return dynamo(500, DYNAMODB + "InternalServerError", "Internal server error");
    }

    /**
     * A cancelled transaction of {@code items} items: the first gets {@code code} (one of
     * {@link #CANCELLATION_CODES}), the others {@code None}, in the order DynamoDB lists them.
     */
    public static Fault.Respond dynamoTransactionCanceled(String code, int items) {
        String[] codes = new String[Math.max(1, items)];
        Arrays.fill(codes, "None");
        codes[0] = code;
        ObjectNode body =
                JSON.createObjectNode().put("__type", DYNAMODB + "TransactionCanceledException");
        body.put(
                "Message",
                "Transaction cancelled, please refer cancellation reasons for specific reasons ["
                        + String.join(", ", codes)
                        + "]");
        ArrayNode reasons = body.putArray("CancellationReasons");
        for (String each : codes) {
            ObjectNode reason = reasons.addObject().put("Code", each);
            if (!"None".equals(each)) {
                reason.put("Message", cancellationMessage(each));
            }
        }
        return new Fault.Respond(400, dynamoHeaders(), body.toString());
    }

    private static String cancellationMessage(String code) {
        return switch (code) {
            case "ConditionalCheckFailed" -> "The conditional request failed";
            case "ItemCollectionSizeLimitExceeded" -> "Collection size exceeded.";
            case "TransactionConflict" -> "Transaction is ongoing for the item.";
            case "ProvisionedThroughputExceeded" ->
                    "The level of configured provisioned throughput for the table was"
                            + " exceeded. Consider increasing your provisioning level with the UpdateTable API.";
            case "ThrottlingError" ->
                    "Throughput exceeds the current capacity of your table or index. DynamoDB is"
                            + " automatically scaling your table or index so please try again shortly.";
            default -> "One or more parameter values were invalid.";
        };
    }

    private static Fault.Respond dynamo(int status, String type, String message) {
        return new Fault.Respond(
                status,
                dynamoHeaders(),
                JSON.createObjectNode().put("__type", type).put("message", message).toString());
    }

    private static Map<String, String> dynamoHeaders() {
        return Map.of(
                "Content-Type", "application/x-amz-json-1.0", "x-amzn-RequestId", requestId());
    }

    public static Fault.Respond s3SlowDown() {
        return s3(503, "SlowDown", "Please reduce your request rate.");
    }

    public static Fault.Respond s3InternalError() {
        return s3(500, "InternalError", "We encountered an internal error. Please try again.");
    }

    /** Any S3 error, e.g. {@code s3(400, "InvalidArgument", "Invalid version id specified")}. */
    public static Fault.Respond s3(int status, String code, String message) {
        String id =
                requestId().replace("-", "").substring(0, 16).toUpperCase(java.util.Locale.ROOT);
        String body =
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>"
                        + code
                        + "</Code><Message>"
                        + message
                        + "</Message><RequestId>"
                        + id
                        + "</RequestId><HostId>"
                        + id
                        + "</HostId></Error>";
        return new Fault.Respond(
                status, Map.of("Content-Type", "application/xml", "x-amz-request-id", id), body);
    }

    /** A REST-JSON error of Bedrock Runtime, e.g. {@code rest(503, "ServiceUnavailableException", ...)}. */
    public static Fault.Respond bedrock(int status, String type, String message) {
        return rest(
                status, type + ":http://internal.amazon.com/coral/com.amazon.bedrock/", message);
    }

    /** A REST-JSON error of the Management API, e.g. {@code management(410, "GoneException", null)}. */
    public static Fault.Respond management(int status, String type, String message) {
        return rest(status, type, message);
    }

    /**
     * A Lambda error, e.g. {@code lambda(429, "TooManyRequestsException", "Rate Exceeded.")} or
     * {@code lambda(403, "AccessDeniedException", "User: ... is not authorized to perform: lambda:InvokeFunction ...")}.
     */
    public static Fault.Respond lambda(int status, String type, String message) {
        ObjectNode body =
                JSON.createObjectNode()
                        .put("Type", status >= 500 ? "Service" : "User")
                        .put("message", message == null ? "" : message);
        if (status == 429) {
            body.put("Reason", "CallerRateLimitExceeded");
        }
        return new Fault.Respond(
                status,
                Map.of(
                        "Content-Type",
                        "application/json",
                        "x-amzn-ErrorType",
                        type,
                        "x-amzn-RequestId",
                        requestId()),
                body.toString());
    }

    private static Fault.Respond rest(int status, String type, String message) {
        return new Fault.Respond(
                status,
                Map.of(
                        "Content-Type",
                        "application/json",
                        "x-amzn-ErrorType",
                        type,
                        "x-amzn-RequestId",
                        requestId()),
                JSON.createObjectNode().put("message", message == null ? "" : message).toString());
    }

    private static String requestId() {
        return UUID.randomUUID().toString();
    }
}
