package dev.parley.local.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The emulator's CountTokens: answers conform to botocore's CountTokensResponse, a count equals
 * the input tokens the same Converse call reports, and Bedrock's refusals (an inference profile,
 * a model that does not count) are ValidationExceptions with Bedrock's text.
 */
class CountTokensTest extends EmulatorTestSupport {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String HAIKU = "anthropic.claude-haiku-4-5-20251001-v1:0";
    private static final String MESSAGES =
            "\"messages\": [{\"role\": \"user\", \"content\": [{\"text\":"
                    + " \"How long is the Danube?\"}]}], \"system\": [{\"text\": \"You are terse.\"}]";
    private static ServiceModel model;

    @BeforeAll
    static void loadModel() throws Exception {
        model = ServiceModel.load();
    }

    private static HttpResponse<String> post(String modelId, String operation, String body)
            throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(
                                URI.create(
                                        emulator.endpoint()
                                                + "/model/"
                                                + URLEncoder.encode(modelId, StandardCharsets.UTF_8)
                                                + "/"
                                                + operation))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .header("Content-Type", "application/json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aCountConformsAndMatchesTheConverseUsage() throws Exception {
        HttpResponse<String> counted =
                post(HAIKU, "count-tokens", "{\"input\": {\"converse\": {" + MESSAGES + "}}}");
        assertEquals(200, counted.statusCode(), counted.body());
        JsonNode count = Json.MAPPER.readTree(counted.body());
        assertEquals(List.of(), model.violations(count, "CountTokensResponse"), count.toString());
        HttpResponse<String> conversed = post("global." + HAIKU, "converse", "{" + MESSAGES + "}");
        assertEquals(
                Json.MAPPER.readTree(conversed.body()).at("/usage/inputTokens").asInt(),
                count.path("inputTokens").asInt(),
                conversed.body());
    }

    @Test
    void bedrocksRefusals() throws Exception {
        String body = "{\"input\": {\"converse\": {" + MESSAGES + "}}}";
        for (String refused :
                List.of(
                        "global." + HAIKU,
                        "amazon.nova-micro-v1:0",
                        "anthropic.claude-sonnet-4-6")) {
            HttpResponse<String> response = post(refused, "count-tokens", body);
            assertEquals(400, response.statusCode(), refused);
            assertEquals(
                    "ValidationException",
                    response.headers().firstValue("x-amzn-ErrorType").orElse("").split(":")[0],
                    refused);
            assertTrue(response.body().contains(CountTokensService.UNSUPPORTED), response.body());
        }
        HttpResponse<String> neither = post(HAIKU, "count-tokens", "{\"input\": {}}");
        assertEquals(400, neither.statusCode(), neither.body());
    }
}
