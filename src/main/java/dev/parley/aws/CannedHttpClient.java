package dev.parley.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An SDK HTTP client that never opens a connection: every request is read to its end (as a real
 * client sends it) and answered 200 with one canned JSON body. SnapStart priming builds throwaway
 * service clients on it, so the SDK's marshalling, signing, retry and unmarshalling paths run
 * before the snapshot without reaching AWS. It counts the requests it answered, so priming can
 * show that the path really ran.
 */
public final class CannedHttpClient implements SdkHttpClient {
    private final byte[] body;
    private final String contentType;
    private final AtomicInteger answered = new AtomicInteger();

    public CannedHttpClient(byte[] body, String contentType) {
        this.body = body.clone();
        this.contentType = contentType;
    }

    /** How many requests it answered. */
    public int answered() {
        return answered.get();
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                if (request.contentStreamProvider().isPresent()) {
                    try (InputStream content = request.contentStreamProvider().get().newStream()) {
                        content.transferTo(OutputStream.nullOutputStream());
                    }
                }
                answered.incrementAndGet();
                return HttpExecuteResponse.builder()
                        .response(
                                SdkHttpResponse.builder()
                                        .statusCode(200)
                                        .putHeader("Content-Type", contentType)
                                        .putHeader("Content-Length", Integer.toString(body.length))
                                        .putHeader("x-amzn-RequestId", "priming")
                                        .build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
                        .build();
            }

            @Override
            public void abort() {
                // Nothing in flight to abort: the answer is in memory.
            }
        };
    }

    @Override
    public String clientName() {
        return "Canned";
    }

    @Override
    public void close() {
        // No connections, no threads.
    }
}
