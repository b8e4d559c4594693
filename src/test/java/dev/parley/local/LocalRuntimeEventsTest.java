package dev.parley.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The local run's event endpoint on its loopback Runtime API ({@code POST /_lambda_}, which
 * replaced Quarkus's mock event server): an event posted there reaches a runtime polling
 * {@code /_lambda_/2018-06-01/runtime/invocation/next} and the poster gets the function's answer;
 * a function error is a 500; an event a runtime hands back before a hot reload ({@code /requeue})
 * goes to the next runtime that asks.
 */
class LocalRuntimeEventsTest {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void aPostedEventIsAnsweredWithWhatTheFunctionReturned() throws Exception {
        try (LocalRuntimeApi api = LocalRuntimeApi.start(0)) {
            String base = "http://" + api.address() + LocalRuntimeApi.EVENTS;
            CompletableFuture<HttpResponse<String>> posted = post(base, "{\"n\":1}");
            Next next = next(base);
            assertEquals("{\"n\":1}", next.event());
            answer(
                    base + "/2018-06-01/runtime/invocation/" + next.requestId() + "/response",
                    "{\"statusCode\":200}");
            HttpResponse<String> response = posted.get();
            assertEquals(200, response.statusCode());
            assertEquals("{\"statusCode\":200}", response.body());
        }
    }

    @Test
    void aFunctionErrorIsA500AndARequeuedEventGoesToTheNextRuntime() throws Exception {
        try (LocalRuntimeApi api = LocalRuntimeApi.start(0)) {
            String base = "http://" + api.address() + LocalRuntimeApi.EVENTS;
            CompletableFuture<HttpResponse<String>> posted = post(base, "{\"n\":2}");
            Next first = next(base);
            answer(base + "/2018-06-01/runtime/invocation/" + first.requestId() + "/requeue", "");
            Next again = next(base);
            assertEquals(first.requestId(), again.requestId());
            assertEquals("{\"n\":2}", again.event());
            answer(
                    base + "/2018-06-01/runtime/invocation/" + again.requestId() + "/error",
                    "{\"errorType\":\"Boom\",\"errorMessage\":\"no\"}");
            HttpResponse<String> response = posted.get();
            assertEquals(500, response.statusCode());
            assertEquals("{\"errorType\":\"Boom\",\"errorMessage\":\"no\"}", response.body());
        }
    }

    /**
     * A runtime that answers at once (as a warm function on an idle machine does) must never beat
     * the invoker's own bookkeeping: every answer reaches its caller. Before the call was built
     * ahead of queueing, an answer that came back first was dropped and the caller, a browser page
     * among them, waited for the whole event timeout.
     */
    @Test
    void anAnswerThatComesBackAtOnceStillReachesItsCaller() throws Exception {
        try (LocalRuntimeApi api = LocalRuntimeApi.start(0)) {
            String base = "http://" + api.address() + LocalRuntimeApi.EVENTS;
            Thread runtime =
                    new Thread(
                            () -> {
                                try {
                                    while (!Thread.currentThread().isInterrupted()) {
                                        Next next = next(base);
                                        answer(
                                                base
                                                        + "/2018-06-01/runtime/invocation/"
                                                        + next.requestId()
                                                        + "/response",
                                                next.event());
                                    }
                                } catch (IOException stopped) {
                                    // the API closed at the end of the test
                                }
                            });
            runtime.setDaemon(true);
            runtime.start();
            for (int i = 0; i < 400; i++) {
                LocalRuntimeApi.Outcome outcome =
                        api.await(
                                api.invoke(("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8)),
                                Duration.ofSeconds(10));
                assertEquals("{\"n\":" + i + "}", outcome.body());
            }
            runtime.interrupt();
        }
    }

    @Test
    void onlyPostRunsAnEvent() throws Exception {
        try (LocalRuntimeApi api = LocalRuntimeApi.start(0)) {
            HttpResponse<String> response =
                    HTTP.send(
                            HttpRequest.newBuilder(
                                            URI.create(
                                                    "http://"
                                                            + api.address()
                                                            + LocalRuntimeApi.EVENTS))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(405, response.statusCode());
        }
    }

    private record Next(String requestId, String event) {}

    private static CompletableFuture<HttpResponse<String>> post(String base, String event) {
        return HTTP.sendAsync(
                HttpRequest.newBuilder(URI.create(base))
                        .timeout(Duration.ofMinutes(1))
                        .POST(HttpRequest.BodyPublishers.ofString(event))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** What a runtime's poll loop does: asks for the next event (blocks until one is there). */
    private static Next next(String base) throws IOException {
        HttpURLConnection connection =
                (HttpURLConnection)
                        URI.create(base + "/2018-06-01/runtime/invocation/next")
                                .toURL()
                                .openConnection();
        try (InputStream in = connection.getInputStream()) {
            return new Next(
                    connection.getHeaderField("Lambda-Runtime-Aws-Request-Id"),
                    new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static void answer(String url, String body) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        try (OutputStream out = connection.getOutputStream()) {
            out.write(body.getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(202, connection.getResponseCode());
        connection.getInputStream().close();
    }
}
