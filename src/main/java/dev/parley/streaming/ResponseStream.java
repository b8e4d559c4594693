package dev.parley.streaming;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One invocation's HTTP response, streamed through the Runtime API: {@code POST
 * /runtime/invocation/{id}/response} with {@code Lambda-Runtime-Function-Response-Mode: streaming},
 * chunked, whose body is the HTTP integration's prelude (JSON with statusCode, headers, cookies),
 * eight NUL bytes, then the response body as it is produced. A failure after the body started goes
 * in the trailers {@code Lambda-Runtime-Function-Error-Type} and {@code -Error-Body} (base64 JSON),
 * as the custom runtime documentation describes ("Response streaming for custom runtimes"; the
 * same format the Node.js runtime's {@code HttpResponseStream.from} writes).
 *
 * <p>A route that streams opens the POST early ({@link #prepare}, off the invocation's thread, while
 * the model thinks): the Runtime API then already holds the request head, and the first write
 * carries only the prelude and the first piece of the body. The client sees nothing until that
 * write, as API Gateway waits for the prelude; a failure before it ends the opened POST with the
 * error trailers instead of {@code invocation/{id}/error}, which an opened response rules out.
 */
public final class ResponseStream {
    static final String MODE_HEADER = "Lambda-Runtime-Function-Response-Mode";
    static final String ERROR_TYPE = "Lambda-Runtime-Function-Error-Type";
    static final String ERROR_BODY = "Lambda-Runtime-Function-Error-Body";
    static final String HTTP_INTEGRATION = "application/vnd.awslambda.http-integration-response";
    private static final byte[] DELIMITER = new byte[8];

    /** The client (or the Runtime API) no longer takes the body; the invocation should stop. */
    public static final class Gone extends RuntimeException {
        Gone(IOException cause) {
            super("the client no longer receives this response: " + cause.getMessage(), cause);
        }
    }

    private final RuntimeApi api;
    private final String requestId;
    private final ObjectMapper mapper;
    private ChunkedPost post;
    private boolean headSent;
    private boolean gone;
    private boolean finished;
    private String failureType;
    private String failureMessage;
    private Map<String, String> extraHeaders = Map.of();

    ResponseStream(RuntimeApi api, String requestId, ObjectMapper mapper) {
        this.api = api;
        this.requestId = requestId;
        this.mapper = mapper;
    }

    /** Whether the head (status and headers) has been sent. */
    public synchronized boolean started() {
        return headSent || gone;
    }

    /**
     * Whether the POST to the Runtime API is open: from then on this invocation can only be
     * answered on it (trailers report a failure), never on {@code invocation/{id}/error}.
     */
    synchronized boolean opened() {
        return post != null || gone;
    }

    /**
     * Ends this response unsent if its POST was never opened, so that a {@link #prepare} still
     * queued opens none: the invocation is then answered on {@code invocation/{id}/error}. False
     * when the POST is open (the failure goes in its trailers).
     */
    synchronized boolean abandonUnopened() {
        if (opened()) {
            return false;
        }
        finished = true;
        return true;
    }

    /**
     * Opens the POST and sends its request head, ahead of the response's own head, so that the
     * first write does not wait for a connection. Does nothing once opened; a failure leaves it
     * unopened, and {@link #start} tries again and reports it.
     */
    synchronized void prepare() {
        if (post != null || gone || finished) {
            return;
        }
        try {
            post = open();
            post.flush();
        } catch (IOException e) {
            if (post != null) {
                close();
                post = null;
            }
        }
    }

    /** Headers every head of this response carries besides its own (CORS). */
    synchronized void headers(Map<String, String> headers) {
        extraHeaders = Map.copyOf(headers);
    }

    /**
     * Sends the head, then {@code body} when not empty. Called once, before any {@link #write}.
     *
     * @throws UncheckedIOException when the POST to the Runtime API could not be opened (nothing sent)
     * @throws Gone when the head could not be sent on the opened POST
     */
    public synchronized void start(
            int status, Map<String, String> headers, List<String> cookies, byte[] body) {
        if (started()) {
            throw new IllegalStateException("the response head was already sent");
        }
        try {
            if (post == null) {
                post = open();
            }
        } catch (IOException e) {
            // Nothing was sent: the Runtime API failed, no client went away. Not Gone, and the
            // response counts as not started, so the invocation is answered on
            // invocation/{id}/error.
            throw new UncheckedIOException(
                    "could not open the streamed response to the Runtime API", e);
        }
        try {
            byte[] prelude = prelude(status, headers, cookies);
            byte[] first = new byte[prelude.length + DELIMITER.length + body.length];
            System.arraycopy(prelude, 0, first, 0, prelude.length);
            System.arraycopy(body, 0, first, prelude.length + DELIMITER.length, body.length);
            headSent = true;
            post.chunk(first);
        } catch (IOException e) {
            throw lost(e);
        }
    }

    private ChunkedPost open() throws IOException {
        return api.openStreamingResponse(
                requestId,
                Map.of(
                        MODE_HEADER,
                        "streaming",
                        "Content-Type",
                        HTTP_INTEGRATION,
                        "Trailer",
                        ERROR_TYPE + ", " + ERROR_BODY));
    }

    /**
     * Sends a piece of the body now. The first failed write throws {@link Gone}, which stops the
     * model's stream when thrown from its listener; later writes are dropped.
     */
    public synchronized void write(byte[] piece) {
        if (gone) {
            return;
        }
        try {
            post.chunk(piece);
        } catch (IOException e) {
            throw lost(e);
        }
    }

    /** Marks the response failed: {@link #finish()} then reports it in the error trailers. */
    public synchronized void fail(String errorType, String errorMessage) {
        if (failureType == null) {
            failureType = errorType;
            failureMessage = errorMessage;
        }
    }

    /**
     * Ends the response; after {@link #fail}, with the error trailers (the client has the body so far).
     *
     * @throws Gone when the connection broke before the Runtime API confirmed the response
     */
    public synchronized void finish() {
        String errorType = failureType;
        String errorMessage = failureMessage;
        if (finished || gone || post == null) {
            return;
        }
        finished = true;
        Map<String, String> trailers = new LinkedHashMap<>();
        if (errorType != null) {
            ObjectNode error =
                    mapper.createObjectNode()
                            .put("errorType", errorType)
                            .put("errorMessage", errorMessage);
            trailers.put(ERROR_TYPE, errorType);
            trailers.put(
                    ERROR_BODY,
                    Base64.getEncoder()
                            .encodeToString(error.toString().getBytes(StandardCharsets.UTF_8)));
        }
        int status;
        try {
            status = post.finish(trailers);
        } catch (IOException e) {
            // The connection broke while the body ended: the same as a failed write, the response
            // can no longer reach its client (locally: the gateway dropped a client that left).
            throw lost(e);
        } finally {
            close();
        }
        if (status / 100 != 2) {
            // The Runtime API refused the response it read whole: a fault, not a client that left.
            throw new UncheckedIOException(
                    new IOException(
                            "the Runtime API answered " + status + " to the streamed response"));
        }
    }

    /** Whether the response is over (ended, or the client went away): nothing more goes out. */
    public synchronized boolean over() {
        return finished || gone;
    }

    /** Whether the stream broke (the client went away); nothing more can be sent. */
    public synchronized boolean gone() {
        return gone;
    }

    synchronized void close() {
        if (post != null) {
            try {
                post.close();
            } catch (IOException e) {
                // closing a socket that failed: nothing to do
            }
        }
    }

    private Gone lost(IOException e) {
        gone = true;
        close();
        return new Gone(e);
    }

    private byte[] prelude(int status, Map<String, String> headers, List<String> cookies) {
        ObjectNode prelude = mapper.createObjectNode().put("statusCode", status);
        ObjectNode head = prelude.putObject("headers");
        headers.forEach(head::put);
        extraHeaders.forEach(head::put);
        // Only when there are any: API Gateway's format for a streamed Lambda proxy response lists
        // statusCode, headers and multiValueHeaders; cookies are the Function URL's field.
        if (!cookies.isEmpty()) {
            var array = prelude.putArray("cookies");
            cookies.forEach(array::add);
        }
        try {
            return mapper.writeValueAsBytes(prelude);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("prelude not serializable", e);
        }
    }
}
