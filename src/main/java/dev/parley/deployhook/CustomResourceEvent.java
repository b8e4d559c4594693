package dev.parley.deployhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Optional;

/**
 * A CloudFormation custom-resource request (template.yaml's ParleyDeployHook), as the edge reads it:
 * either a request Parley can act on, or one whose fields are broken. Either way, the reply goes
 * to {@code responseUrl} when there is one (CloudFormation waits for it, not for the invocation).
 */
public sealed interface CustomResourceEvent {

    /** What CloudFormation asks for. */
    enum RequestType {
        CREATE,
        UPDATE,
        DELETE
    }

    /** Where and how the reply is addressed: copied verbatim from the request, as CloudFormation requires. */
    record ReplyTo(URI responseUrl, String stackId, String requestId, String logicalResourceId) {}

    /**
     * A well-formed request. {@code physicalResourceId} is absent on Create; {@code properties} are
     * the resource's properties as CloudFormation sends them (strings, objects and lists).
     */
    record Request(
            RequestType type,
            ReplyTo replyTo,
            Optional<String> physicalResourceId,
            JsonNode properties)
            implements CustomResourceEvent {}

    /**
     * A request that cannot be acted on; {@code replyTo} is present when it still names where the
     * reply goes (then CloudFormation is told, instead of waiting for its timeout).
     */
    record Malformed(String problem, Optional<ReplyTo> replyTo, Optional<String> physicalResourceId)
            implements CustomResourceEvent {}
}
