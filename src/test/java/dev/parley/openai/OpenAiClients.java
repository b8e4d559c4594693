package dev.parley.openai;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.parley.local.LocalApiGateway;
import dev.parley.local.LocalManagementApi;
import dev.parley.local.LocalStreamFunction;
import io.restassured.RestAssured;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;

/**
 * The official OpenAI Java client pointed at the function: the local API gateway (what the local
 * run puts on port 3000) turns the client's HTTP requests into HTTP API events for Quarkus's
 * Lambda mock event server, as API Gateway does deployed, and the streaming routes to the stream
 * function's runtime loop ({@link LocalStreamFunction}). One gateway for the test JVM.
 */
public final class OpenAiClients {
    private static LocalApiGateway gateway;

    private OpenAiClients() {}

    /** The local gateway's root (other protocols' tests share the one gateway: {@code /anthropic}). */
    public static URI root() {
        return baseUrl().resolve("/");
    }

    static synchronized URI baseUrl() {
        if (gateway == null) {
            try {
                URI lambdaRuntime =
                        URI.create(
                                RestAssured.baseURI
                                        + ":"
                                        + RestAssured.port
                                        + RestAssured.basePath);
                LocalManagementApi managementApi = LocalManagementApi.start("127.0.0.1", 0);
                gateway = LocalApiGateway.start("127.0.0.1", 0, lambdaRuntime, managementApi);
                LocalStreamFunction streamFunction = LocalStreamFunction.start(4);
                gateway.streamFunction(streamFunction);
                Runtime.getRuntime()
                        .addShutdownHook(
                                new Thread(
                                        () -> {
                                            streamFunction.close();
                                            gateway.close();
                                            managementApi.close();
                                        }));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return URI.create("http://127.0.0.1:" + gateway.port() + "/openai/v1");
    }

    /** A client as an application would build it; any key is accepted without an authorizer. */
    static OpenAIClient client() {
        return OpenAIOkHttpClient.builder()
                .baseUrl(baseUrl().toString())
                .apiKey("sk-local-anything")
                .maxRetries(0)
                .timeout(Duration.ofSeconds(30))
                .build();
    }
}
