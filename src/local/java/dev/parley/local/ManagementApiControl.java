package dev.parley.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** Drives a {@link LocalManagementApi} over HTTP: read the frames a connection got, make a connection go away. */
public final class ManagementApiControl {
    private final URI base;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();

    /** @param endpoint the Management API endpoint ({@code http://host:port/local}) */
    public ManagementApiControl(URI endpoint) {
        this.base = endpoint.resolve("/_control/");
    }

    /** A received frame and when it arrived. */
    public record Frame(JsonNode data, long receivedAtMillis) {
        public String type() {
            return data.path("type").asText();
        }
    }

    public void reset() {
        call("POST", "reset");
    }

    public List<Frame> frames(String connectionId) {
        List<Frame> frames = new ArrayList<>();
        call("GET", "frames/" + connectionId).path("frames")
                .forEach(f -> frames.add(new Frame(f.path("data"), f.path("receivedAtMillis").asLong())));
        return frames;
    }

    /** Every frame from now on is passed on to the Management API at {@code endpoint} (until {@link #reset}). */
    public void forwardTo(URI endpoint) {
        call("POST", "forward", endpoint.toString());
    }

    /** The connection accepts {@code frames} more frames, then answers GoneException. */
    public void goneAfter(String connectionId, int frames) {
        call("POST", "gone/" + connectionId + "?after=" + frames);
    }

    private JsonNode call(String method, String path) {
        return call(method, path, null);
    }

    private JsonNode call(String method, String path, String body) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode());
            }
            return mapper.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
