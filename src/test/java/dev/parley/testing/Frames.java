package dev.parley.testing;

import dev.parley.local.ManagementApiControl;
import java.net.URI;
import org.eclipse.microprofile.config.ConfigProvider;

/** The running test's Management API stand-in, where the function posts WebSocket frames. */
public final class Frames {
    private Frames() {}

    public static ManagementApiControl control() {
        return new ManagementApiControl(
                ConfigProvider.getConfig()
                        .getValue("parley.websocket.management-endpoint", URI.class));
    }
}
