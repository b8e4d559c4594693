package dev.parley.lambda;

import dev.parley.documents.ObjectRef;
import dev.parley.http.HttpRequest;
import dev.parley.websocket.WebSocketEvent;
import java.time.Instant;
import java.util.List;

/**
 * The kinds of event the one entry point understands. Adding an event source is adding a record
 * here, a branch in {@link EventDecoder} and a branch in {@link ParleyHandler}.
 */
public sealed interface LambdaEvent {

    /** An HTTP request from an HTTP API (2.0), a REST API (1.0) or a Function URL. */
    record Http(HttpRequest request) implements LambdaEvent {}

    /**
     * A well-formed HTTP request refused before routing (a body that is not UTF-8 text): answered
     * 400 in the error shape of the API its path belongs to.
     */
    record RefusedHttp(HttpRequest request, String problem) implements LambdaEvent {}

    /** An HTTP request whose envelope is broken (e.g. a body flagged base64 that is not); answered 400. */
    record MalformedHttp(String requestId, String problem) implements LambdaEvent {}

    /**
     * Objects created in S3, from an S3 event notification or an EventBridge "Object Created" event
     * (asynchronous invocations: an error makes Lambda deliver the event again). {@code skipped}
     * says why records were left out.
     */
    record S3Objects(List<ObjectRef> objects, List<String> skipped) implements LambdaEvent {
        public S3Objects {
            objects = List.copyOf(objects);
            skipped = List.copyOf(skipped);
        }
    }

    /** An SQS batch of S3 notifications; only the messages reported as failed are delivered again. */
    record SqsBatch(List<QueuedMessage> messages) implements LambdaEvent {
        public SqsBatch {
            messages = List.copyOf(messages);
        }
    }

    /** A Lambda REQUEST authorizer call (the WebSocket API's {@code $connect}); {@code token} may be null. */
    record Authorizer(String token, String methodArn) implements LambdaEvent {}

    /** A WebSocket event whose envelope is broken (a connection id, domain or stage that is not one); answered 400. */
    record MalformedWebSocket(String requestId, String problem) implements LambdaEvent {}

    /** A WebSocket API event: connect, a message on a route, or disconnect. */
    record WebSocket(WebSocketEvent event) implements LambdaEvent {}

    /**
     * A WebSocket chat turn another invocation handed to this one (the stream function) to
     * stream; {@code event} is the message as the receiving invocation saw it, with this
     * invocation's deadline; {@code handOffId} is claimed once (absent in hand-offs of versions that
     * did not send one).
     */
    record ChatStream(
            WebSocketEvent event, Instant handedOffAt, java.util.Optional<String> handOffId)
            implements LambdaEvent {}

    /**
     * Lambda's on-failure record of a chat hand-off, sent to the function directly: the turn was
     * accepted but never completed, and its client gets an error frame.
     */
    record TurnLost(dev.parley.websocket.LostTurn lost) implements LambdaEvent {}

    /**
     * A task the stack schedules (template.yaml's catalog refresh schedule sends
     * {@code {"parleyTask": "catalog-refresh"}}): {@code name} as sent, checked by the handler.
     */
    record Task(String name) implements LambdaEvent {}

    /**
     * A CloudFormation custom-resource request (template.yaml's ParleyDeployHook), well formed or
     * not: {@code dev.parley.deployhook} reads it and replies to CloudFormation.
     */
    record DeployHook(dev.parley.deployhook.CustomResourceEvent event) implements LambdaEvent {}

    /** A hand-off whose fields are broken; logged and dropped (no connection can be trusted to answer). */
    record MalformedHandOff(String problem) implements LambdaEvent {}

    /** Something Parley does not handle; {@code reason} says what was expected. */
    record Unrecognized(String reason) implements LambdaEvent {}
}
