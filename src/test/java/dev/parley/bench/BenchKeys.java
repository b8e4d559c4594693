package dev.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.local.LocalRuntimeApi;
import dev.parley.testing.Lambda;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * The API keys {@link ColdStartBenchmark}'s key modes present (issue 26: what a key costs on the
 * critical path): one without limits, and one with rpm and tpm limits far above what the run sends
 * (so every call passes the rate limiter's counter without being refused). Minted through the public
 * route ({@code POST /v1/keys} as a JWT-authenticated owner) on a function process of their own, in
 * the stand-ins' table every mode shares.
 */
record BenchKeys(String verified, String limited) {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String OWNER = "bench-owner";

    /** Mints both keys with {@code environment}, a started function process not measured. */
    static BenchKeys mint(BenchEnvironment environment, Duration timeout) throws Exception {
        return new BenchKeys(
                mintOne(environment, Map.of("name", "bench"), timeout),
                mintOne(
                        environment,
                        Map.of("name", "bench-limited", "rpm", 1_000_000, "tpm", 1_000_000_000L),
                        timeout));
    }

    private static String mintOne(
            BenchEnvironment environment, Map<String, Object> body, Duration timeout)
            throws Exception {
        byte[] event =
                JSON.writeValueAsBytes(Lambda.as(OWNER, Lambda.http("POST", "/v1/keys", body)));
        LocalRuntimeApi.Outcome outcome = environment.call(event, timeout);
        JsonNode response = JSON.readTree(outcome.body());
        if (response.path("statusCode").asInt() != 201) {
            throw new IllegalStateException("POST /v1/keys answered " + outcome.body());
        }
        return JSON.readTree(response.path("body").asText()).path("key").asText();
    }

    /** {@code event} with {@code key} in its Authorization header. */
    byte[] presenting(String key, byte[] event) {
        try {
            ObjectNode tree = (ObjectNode) JSON.readTree(event);
            tree.with("headers").put("authorization", "Bearer " + key);
            return JSON.writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
