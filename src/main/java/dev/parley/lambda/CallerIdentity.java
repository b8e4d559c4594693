package dev.parley.lambda;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

/**
 * Who is calling, taken from the authorizer context only; never from headers a client controls.
 * The same lookup serves HTTP API, REST API and WebSocket events.
 */
final class CallerIdentity {
    /** Compiled once: {@code JsonNode.at(String)} would parse each pointer again on every request. */
    private static final List<JsonPointer> PATHS =
            Stream.of(
                            "/authorizer/jwt/claims/sub", // HTTP API JWT authorizer
                            "/authorizer/claims/sub", // REST API Cognito authorizer
                            "/authorizer/iam/userArn", // HTTP API IAM auth
                            "/identity/userArn", // REST API IAM auth
                            "/authorizer/lambda/principalId", // HTTP API Lambda authorizer context
                            "/authorizer/lambda/userId",
                            "/authorizer/principalId", // REST/WebSocket Lambda authorizer
                            "/authorizer/userId")
                    .map(JsonPointer::compile)
                    .toList();

    private static final JsonPointer JWT_CLAIMS = JsonPointer.compile("/authorizer/jwt/claims");
    private static final JsonPointer CLAIMS = JsonPointer.compile("/authorizer/claims");

    private CallerIdentity() {}

    /** Identities become parts of DynamoDB keys (at most 2048 bytes) and S3 keys; real ones are far shorter. */
    private static final int MAX_BYTES = 1024;

    /**
     * The caller, {@code anonymous} without an authorizer, or null when the authorizer context
     * names an identity no real authorizer sends (too long, control characters): never mistaken
     * for another caller, and never for anonymous.
     */
    static String of(JsonNode requestContext) {
        for (JsonPointer path : PATHS) {
            JsonNode value = requestContext.at(path);
            if (value.isTextual() && !value.textValue().isBlank()) {
                String caller = value.textValue();
                return usable(caller) ? caller : null;
            }
        }
        return HttpRequest.ANONYMOUS;
    }

    /** The token's claims as the authorizer passed them (HTTP API JWT, REST API Cognito), or a missing node. */
    static JsonNode claims(JsonNode requestContext) {
        JsonNode jwt = requestContext.at(JWT_CLAIMS);
        return jwt.isObject() ? jwt : requestContext.at(CLAIMS);
    }

    /** Whether {@code caller} is an identity a real authorizer could have named. */
    static boolean usable(String caller) {
        return caller.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES
                && caller.chars().noneMatch(Character::isISOControl);
    }
}
