package dev.parley.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.deployhook.CustomResourceEvents;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Recognises which kind of event the function was invoked with, by the fields only that kind has. */
@ApplicationScoped
public class EventDecoder {
    private static final java.util.regex.Pattern BEARER =
            java.util.regex.Pattern.compile("^(?i)bearer\\s+");

    /** The field of a scheduled task's input (template.yaml's schedules set it). */
    static final String TASK_FIELD = "parleyTask";

    private final HttpEventDecoder http;
    private final S3EventDecoder s3;

    EventDecoder(HttpEventDecoder http, S3EventDecoder s3) {
        this.http = http;
        this.s3 = s3;
    }

    public LambdaEvent decode(JsonNode event, Invocation invocation) {
        if (event == null || !event.isObject()) {
            return new LambdaEvent.Unrecognized("the event is not a JSON object");
        }
        if (WebSocketEventDecoder.isHandOff(event)) {
            return WebSocketEventDecoder.decodeHandOff(event, invocation);
        }
        if (event.has(TASK_FIELD)) {
            return new LambdaEvent.Task(event.path(TASK_FIELD).asText(""));
        }
        if (CustomResourceEvents.isCustomResource(event)) {
            return new LambdaEvent.DeployHook(CustomResourceEvents.decode(event));
        }
        JsonNode context = event.path("requestContext");
        if (context.path("http").has("method")) {
            // HTTP API 2.0 and Function URLs share this payload format.
            return http.fromV2(event, invocation);
        }
        if ("REQUEST".equals(event.path("type").asText()) && event.hasNonNull("methodArn")) {
            // A REQUEST authorizer: the WebSocket API passes the JWT as ?token= on $connect.
            JsonNode token = event.path("queryStringParameters").path("token");
            return new LambdaEvent.Authorizer(
                    token.isTextual() ? token.textValue() : null, event.path("methodArn").asText());
        }
        if ("TOKEN".equals(event.path("type").asText()) && event.hasNonNull("methodArn")) {
            // A TOKEN authorizer: the streaming REST API passes the Authorization header ("Bearer
            // <jwt>").
            JsonNode header = event.path("authorizationToken");
            String token =
                    header.isTextual() ? BEARER.matcher(header.textValue()).replaceFirst("") : null;
            return new LambdaEvent.Authorizer(token, event.path("methodArn").asText());
        }
        if (WebSocketEventDecoder.isWebSocket(event)) {
            return WebSocketEventDecoder.decode(event, invocation);
        }
        if (event.has("httpMethod") && context.isObject()) {
            return http.fromV1(event, invocation);
        }
        if (S3EventDecoder.isNotification(event) || S3EventDecoder.isEventBridge(event)) {
            return s3.objects(event);
        }
        if (S3EventDecoder.isSqsBatch(event)) {
            return s3.sqsBatch(event, invocation);
        }
        if (LostTurnDecoder.carriesHandOff(event)) {
            return LostTurnDecoder.decode(event, invocation);
        }
        if (S3EventDecoder.isDestinationRecord(event)) {
            return s3.destinationRecord(event);
        }
        return new LambdaEvent.Unrecognized(
                "expected an API Gateway HTTP API (payload 2.0), REST API (payload 1.0)"
                        + " or Lambda Function URL event, a WebSocket API event, an S3 event notification (direct or in an SQS batch), an"
                        + " EventBridge S3 event, Lambda's on-failure record of one or of a chat hand-off, a WebSocket chat turn handed off by Parley, a CloudFormation custom-resource request, or a scheduled {\"parleyTask\": ...}; got an object with fields "
                        + fieldNames(event));
    }

    private static List<String> fieldNames(JsonNode event) {
        List<String> names = new ArrayList<>();
        Iterator<String> it = event.fieldNames();
        while (it.hasNext() && names.size() < 10) {
            names.add(it.next());
        }
        return names;
    }
}
