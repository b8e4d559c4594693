package dev.parley.streaming;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.Map;

/**
 * The Lambda Runtime API (2018-06-01) as a custom runtime uses it ("Using the Lambda runtime API
 * for custom runtimes"): {@code invocation/next}, {@code invocation/{id}/response} (buffered, or
 * streamed through {@link ResponseStream}), {@code invocation/{id}/error} and {@code init/error}.
 * {@code HttpURLConnection} for the plain calls (what Quarkus's own loop uses, native-safe),
 * {@link ChunkedPost} for the streamed one.
 */
public final class RuntimeApi {
    static final String BASE = "/2018-06-01/runtime/";
    static final String ERROR_TYPE_HEADER = "Lambda-Runtime-Function-Error-Type";

    /** An invocation handed out by {@code invocation/next}. */
    public record Next(
            String requestId,
            long deadlineMillis,
            String functionArn,
            String traceId,
            byte[] event) {}

    private final String host;
    private final int port;
    private final ObjectMapper mapper;

    /** @param address host:port, the value of {@code AWS_LAMBDA_RUNTIME_API} */
    public RuntimeApi(String address, ObjectMapper mapper) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException(
                    "the Runtime API address must be host:port, not " + address);
        }
        this.host = address.substring(0, colon);
        this.port = Integer.parseInt(address.substring(colon + 1));
        this.mapper = mapper;
    }

    /** Blocks until Lambda hands out the next invocation (the environment is frozen meanwhile). */
    public Next next() throws IOException {
        HttpURLConnection next = open("invocation/next");
        next.setReadTimeout(0);
        try (InputStream in = next.getInputStream()) {
            byte[] event = in.readAllBytes();
            String requestId = next.getHeaderField("Lambda-Runtime-Aws-Request-Id");
            if (requestId == null) {
                throw new IOException(
                        "invocation/next answered without Lambda-Runtime-Aws-Request-Id");
            }
            return new Next(
                    requestId,
                    deadline(next.getHeaderField("Lambda-Runtime-Deadline-Ms")),
                    next.getHeaderField("Lambda-Runtime-Invoked-Function-Arn"),
                    next.getHeaderField("Lambda-Runtime-Trace-Id"),
                    event);
        }
    }

    /** The whole response at once (events that are not HTTP requests: WebSocket, S3, queue, hand-off). */
    public void respond(String requestId, byte[] body) throws IOException {
        post(
                "invocation/" + requestId + "/response",
                body,
                Map.of("Content-Type", "application/json"));
    }

    /** The invocation failed before any response was sent. */
    public void error(String requestId, String errorType, String message) throws IOException {
        post(
                "invocation/" + requestId + "/error",
                errorJson(errorType, message),
                Map.of(ERROR_TYPE_HEADER, errorType));
    }

    /** The runtime cannot start; Lambda reports it and retires the environment. */
    public void initError(String errorType, String message) throws IOException {
        post("init/error", errorJson(errorType, message), Map.of(ERROR_TYPE_HEADER, errorType));
    }

    ChunkedPost openStreamingResponse(String requestId, Map<String, String> headers)
            throws IOException {
        return ChunkedPost.open(
                host, port, BASE + "invocation/" + requestId + "/response", headers, 5_000);
    }

    private byte[] errorJson(String errorType, String message) throws IOException {
        return mapper.writeValueAsBytes(
                mapper.createObjectNode()
                        .put("errorType", errorType)
                        .put("errorMessage", String.valueOf(message)));
    }

    private void post(String path, byte[] body, Map<String, String> headers) throws IOException {
        HttpURLConnection connection = open(path);
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.setFixedLengthStreamingMode(body.length);
        headers.forEach(connection::setRequestProperty);
        try (OutputStream out = connection.getOutputStream()) {
            out.write(body);
        }
        int status = connection.getResponseCode();
        try (InputStream in =
                status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
            if (in != null) {
                in.readAllBytes();
            }
        }
        if (status / 100 != 2) {
            throw new IOException("the Runtime API answered " + status + " to POST " + path);
        }
    }

    private HttpURLConnection open(String path) throws IOException {
        HttpURLConnection connection =
                (HttpURLConnection)
                        URI.create("http://" + host + ":" + port + BASE + path)
                                .toURL()
                                .openConnection();
        connection.setConnectTimeout(5_000);
        return connection;
    }

    private static long deadline(String header) {
        try {
            return header == null ? 0 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
