package dev.parley.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.afterresponse.AfterResponse;
import dev.parley.auth.WebSocketAuthorizer;
import dev.parley.catalog.CatalogRefresh;
import dev.parley.deployhook.DeployHook;
import dev.parley.error.ParleyException;
import dev.parley.http.ErrorResponses;
import dev.parley.http.Router;
import dev.parley.websocket.WebSocketHandler;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The function's single entry point: decode the event, hand it to the component for its kind,
 * encode the answer. No business logic lives here.
 *
 * <p>A singleton: Quarkus's Lambda recorder looks the handler bean up for every invocation, and a
 * dependent bean (the default) would be built anew each time, its injections and configuration
 * lookups included (docs/warm-path.md, Profile).
 */
@Singleton
@Named("parley")
public class ParleyHandler implements RequestHandler<JsonNode, JsonNode> {
    private static final Logger LOG = Logger.getLogger(ParleyHandler.class);

    @Inject EventDecoder decoder;
    @Inject Router router;
    @Inject HttpResponseEncoder httpEncoder;
    @Inject ErrorResponses errors;
    @Inject WebSocketHandler webSockets;
    @Inject WebSocketAuthorizer webSocketAuthorizer;
    @Inject ObjectMapper mapper;
    @Inject ObjectEventHandler objectEvents;
    @Inject AfterResponse afterResponse;
    @Inject CatalogRefresh catalogRefresh;
    @Inject DeployHook deployHook;

    /** The scheduled task template.yaml's daily schedule sends. */
    static final String CATALOG_REFRESH = "catalog-refresh";

    /** Matches the function timeout in template.yaml; used only when the context has no deadline. */
    @ConfigProperty(name = "parley.lambda.fallback-timeout", defaultValue = "29s")
    Duration fallbackTimeout;

    @Override
    public JsonNode handleRequest(JsonNode event, Context context) {
        Invocation invocation = Invocation.of(context, fallbackTimeout);
        afterResponse.started(invocation.requestId());
        try {
            return handle(event, invocation);
        } finally {
            // Usage, cache stores: written once the answer is on its way (AfterResponse says
            // where).
            afterResponse.handled(invocation.requestId());
        }
    }

    private JsonNode handle(JsonNode event, Invocation invocation) {
        String invocationId = invocation.requestId();
        LambdaEvent decoded = decoder.decode(event, invocation);
        if (decoded instanceof LambdaEvent.Http http) {
            return httpEncoder.encode(router.dispatch(http.request()), http.request().requestId());
        }
        if (decoded instanceof LambdaEvent.RefusedHttp refused) {
            return httpEncoder.encode(
                    router.refuse(refused.request(), ParleyException.badRequest(refused.problem())),
                    refused.request().requestId());
        }
        if (decoded instanceof LambdaEvent.MalformedHttp malformed) {
            return httpEncoder.encode(
                    errors.of(
                            ParleyException.badRequest(malformed.problem()), malformed.requestId()),
                    malformed.requestId());
        }
        if (decoded instanceof LambdaEvent.Authorizer authorizer) {
            return mapper.valueToTree(
                    webSocketAuthorizer.authorize(authorizer.token(), authorizer.methodArn()));
        }
        if (decoded instanceof LambdaEvent.MalformedWebSocket malformed) {
            // No frame can be posted to a connection the event does not name properly: the status
            // says it all.
            LOG.warnf(
                    "malformed WebSocket event (request %s): %s",
                    malformed.requestId(), malformed.problem());
            ObjectNode result = mapper.createObjectNode().put("statusCode", 400);
            result.put(
                    "body",
                    mapper.valueToTree(
                                    errors.of(
                                                    ParleyException.badRequest(malformed.problem()),
                                                    malformed.requestId())
                                            .body())
                            .toString());
            return result;
        }
        if (decoded instanceof LambdaEvent.WebSocket webSocket) {
            return mapper.valueToTree(webSockets.handle(webSocket.event()));
        }
        if (decoded instanceof LambdaEvent.ChatStream stream) {
            return mapper.valueToTree(
                    webSockets.stream(
                            stream.event(),
                            java.time.Duration.between(
                                    stream.handedOffAt(), java.time.Instant.now()),
                            stream.handOffId()));
        }
        if (decoded instanceof LambdaEvent.MalformedHandOff malformed) {
            // Returned, not thrown: a retried hand-off would be just as broken.
            LOG.warnf(
                    "malformed chat hand-off (invocation %s): %s",
                    invocationId, malformed.problem());
            return unsupported("a malformed chat hand-off: " + malformed.problem(), invocationId);
        }
        if (decoded instanceof LambdaEvent.TurnLost lost) {
            // Sent by hand (the queue's messages arrive in SQS batches): nothing retries it, so a
            // failed post is only answered (and logged), never thrown.
            return mapper.createObjectNode().put("reported", webSockets.lost(lost.lost()));
        }
        if (decoded instanceof LambdaEvent.S3Objects objects) {
            return objectEvents.objects(objects, invocation);
        }
        if (decoded instanceof LambdaEvent.SqsBatch batch) {
            return objectEvents.sqsBatch(batch, invocation);
        }
        if (decoded instanceof LambdaEvent.Task task) {
            if (!CATALOG_REFRESH.equals(task.name())) {
                return unsupported(
                        "parleyTask '" + task.name() + "' is not one of [" + CATALOG_REFRESH + "]",
                        invocationId);
            }
            // Returned, not thrown: the next day's schedule retries; the failure is logged and
            // counted.
            return mapper.valueToTree(catalogRefresh.refresh());
        }
        if (decoded instanceof LambdaEvent.DeployHook hook) {
            // Replied to CloudFormation's URL, never thrown: a deploy waits for that reply, not for
            // this result.
            return deployHook.handle(hook.event(), invocation.deadline());
        }
        LambdaEvent.Unrecognized unrecognized = (LambdaEvent.Unrecognized) decoded;
        LOG.warnf("unrecognized event (invocation %s): %s", invocationId, unrecognized.reason());
        return unsupported(unrecognized.reason(), invocationId);
    }

    /** Returned, not thrown: a thrown error would make async sources retry an event that can never succeed. */
    private ObjectNode unsupported(String reason, String invocationId) {
        ObjectNode body = mapper.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("code", "unsupported_event");
        error.put("message", "Parley cannot handle this event: " + reason);
        error.put("requestId", invocationId);
        return body;
    }
}
