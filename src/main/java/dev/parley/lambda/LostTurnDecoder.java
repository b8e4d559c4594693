package dev.parley.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.websocket.LostTurn;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Lambda's on-failure record of a chat hand-off (the stream function's asynchronous invocation):
 * {@code {"version": "1.0", "requestContext": {"requestId", "functionArn", "condition",
 * "approximateInvokeCount"}, "requestPayload": <the hand-off>, "responseContext": {"statusCode",
 * "executedVersion", "functionError"}, "responsePayload": {"errorType", "errorMessage"}}} (Lambda
 * developer guide, "Capturing records of Lambda asynchronous invocations"). It arrives through the
 * stream-failures queue (the SQS message body is the record) or, sent by hand, directly. The
 * hand-off inside is checked exactly as a delivered one ({@link WebSocketEventDecoder#decodeHandOff}):
 * its fields become the URL an error frame is posted to.
 */
final class LostTurnDecoder {
    /** Lambda's conditions are single words: RetriesExhausted, EventAgeExceeded, Success. */
    private static final Pattern CONDITION = Pattern.compile("[A-Za-z]{1,64}");

    /** Runtime error types: Runtime.ExitError, Sandbox.Timedout, java.lang.OutOfMemoryError, ... */
    private static final Pattern ERROR_TYPE = Pattern.compile("[A-Za-z0-9._$:-]{1,128}");

    private LostTurnDecoder() {}

    /** An on-failure record whose original event is a chat hand-off. */
    static boolean carriesHandOff(JsonNode record) {
        return S3EventDecoder.isDestinationRecord(record)
                && WebSocketEventDecoder.isHandOff(record.path("requestPayload"));
    }

    /** {@link LambdaEvent.TurnLost}, or {@link LambdaEvent.MalformedHandOff} naming what is wrong. */
    static LambdaEvent decode(JsonNode record, Invocation invocation) {
        String condition = EventFields.text(record.path("requestContext").path("condition"));
        if (condition == null || !CONDITION.matcher(condition).matches()) {
            return new LambdaEvent.MalformedHandOff(
                    "requestContext.condition of the on-failure record is not"
                            + " Lambda's condition");
        }
        LambdaEvent handOff =
                WebSocketEventDecoder.decodeHandOff(record.path("requestPayload"), invocation);
        if (!(handOff instanceof LambdaEvent.ChatStream stream)) {
            return handOff;
        }
        // Only the error's type, never its message: the message may hold anything the process
        // printed.
        String errorType = EventFields.text(record.path("responsePayload").path("errorType"));
        return new LambdaEvent.TurnLost(
                new LostTurn(
                        stream.event(),
                        condition,
                        Optional.ofNullable(errorType)
                                .filter(type -> ERROR_TYPE.matcher(type).matches())));
    }
}
