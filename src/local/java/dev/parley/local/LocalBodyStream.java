package dev.parley.local;

import dev.parley.http.BodyStream;
import dev.parley.http.HttpRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * The local run's body stream (replaces the deployed {@code NoBodyStream}): when the local API
 * gateway marks a request with {@link LocalResponseStreams#HEADER}, each piece of a streamed body
 * is posted to the gateway as it is produced and relayed to the client as a chunk. Only this
 * loopback URL is ever called; requests without the header (deployed, tests through raw events)
 * stream nothing.
 */
@ApplicationScoped
public class LocalBodyStream implements BodyStream {
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @Override
    public Optional<Sink> open(HttpRequest request) {
        return request.header(LocalResponseStreams.HEADER).map(URI::create)
                .filter(uri -> "127.0.0.1".equals(uri.getHost()) && "http".equals(uri.getScheme()))
                .map(uri -> piece -> post(uri, piece));
    }

    /** Synchronous, so pieces arrive in order and all have arrived when the function returns. */
    private void post(URI uri, String piece) {
        try {
            client.send(java.net.http.HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(piece)).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new UncheckedIOException("the local gateway did not take a streamed piece", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
