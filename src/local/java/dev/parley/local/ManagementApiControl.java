package dev.parley.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Drives a {@link LocalManagementApi} over HTTP: read the frames a connection got, make a connection go away. */
public final class ManagementApiControl {
    private final ControlClient control;

    /** @param endpoint the Management API endpoint ({@code http://host:port/local}) */
    public ManagementApiControl(URI endpoint) {
        this.control = new ControlClient(endpoint);
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
        call("GET", "frames/" + connectionId)
                .path("frames")
                .forEach(
                        f ->
                                frames.add(
                                        new Frame(
                                                f.path("data"),
                                                f.path("receivedAtMillis").asLong())));
        return frames;
    }

    /** Every frame from now on is passed on to the Management API at {@code endpoint} (until {@link #reset}). */
    public void forwardTo(URI endpoint) {
        control.call("POST", "forward", endpoint.toString());
    }

    /** The connection accepts {@code frames} more frames, then answers GoneException. */
    public void goneAfter(String connectionId, int frames) {
        call("POST", "gone/" + connectionId + "?after=" + frames);
    }

    private JsonNode call(String method, String path) {
        return control.call(method, path, null);
    }
}
