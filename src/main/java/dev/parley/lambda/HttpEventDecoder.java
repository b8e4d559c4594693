package dev.parley.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.http.HttpRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/** Turns HTTP API 2.0, Function URL and REST API 1.0 events into {@link HttpRequest}s. */
@ApplicationScoped
class HttpEventDecoder {

    LambdaEvent fromV2(JsonNode event, Invocation invocation) {
        JsonNode context = event.path("requestContext");
        String stage = context.path("stage").asText("$default");
        String path = event.path("rawPath").asText(context.path("http").path("path").asText("/"));
        // On a named stage (not $default) HTTP API puts the stage name in front of rawPath.
        if (!"$default".equals(stage) && path.startsWith("/" + stage + "/")) {
            path = path.substring(stage.length() + 1);
        }
        return build(event, context.path("http").path("method").asText(), path,
                stringMap(event.path("queryStringParameters")), invocation);
    }

    LambdaEvent fromV1(JsonNode event, Invocation invocation) {
        return build(event, event.path("httpMethod").asText(),
                event.path("path").asText("/"), stringMap(event.path("queryStringParameters")), invocation);
    }

    private LambdaEvent build(JsonNode event, String method, String path,
            Map<String, String> query, Invocation invocation) {
        JsonNode context = event.path("requestContext");
        Map<String, String> headers = new HashMap<>();
        stringMap(event.path("headers")).forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        String requestId = context.path("requestId").asText(invocation.requestId());
        String body;
        try {
            body = body(event);
        } catch (IllegalArgumentException e) {
            return new LambdaEvent.MalformedHttp(requestId, "isBase64Encoded is true but the body is not valid base64");
        }
        HttpRequest request = new HttpRequest(method.toUpperCase(Locale.ROOT), path, headers, query, body,
                CallerIdentity.of(context), requestId, invocation.deadline(), Map.of());
        return new LambdaEvent.Http(request);
    }

    private static String body(JsonNode event) {
        JsonNode body = event.path("body");
        if (!body.isTextual()) {
            return "";
        }
        if (event.path("isBase64Encoded").asBoolean(false)) {
            return new String(Base64.getMimeDecoder().decode(body.textValue()), StandardCharsets.UTF_8);
        }
        return body.textValue();
    }

    private static Map<String, String> stringMap(JsonNode node) {
        Map<String, String> map = new HashMap<>();
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getValue().isValueNode() && !field.getValue().isNull()) {
                    map.put(field.getKey(), field.getValue().asText());
                }
            }
        }
        return map;
    }
}
