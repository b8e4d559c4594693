package dev.parley.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.http.HttpRequest;
import java.util.List;

/**
 * Who is calling, taken from the authorizer context only; never from headers a client controls.
 * The same lookup serves HTTP API, REST API and WebSocket events.
 */
final class CallerIdentity {
    private static final List<String> PATHS = List.of(
            "/authorizer/jwt/claims/sub", // HTTP API JWT authorizer
            "/authorizer/claims/sub", // REST API Cognito authorizer
            "/authorizer/iam/userArn", // HTTP API IAM auth
            "/identity/userArn", // REST API IAM auth
            "/authorizer/lambda/principalId", // HTTP API Lambda authorizer context
            "/authorizer/lambda/userId",
            "/authorizer/principalId", // REST/WebSocket Lambda authorizer
            "/authorizer/userId");

    private CallerIdentity() {
    }

    static String of(JsonNode requestContext) {
        for (String path : PATHS) {
            JsonNode value = requestContext.at(path);
            if (value.isTextual() && !value.textValue().isBlank()) {
                return value.textValue();
            }
        }
        return HttpRequest.ANONYMOUS;
    }
}
