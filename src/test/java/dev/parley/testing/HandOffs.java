package dev.parley.testing;

import dev.parley.local.LambdaApiControl;
import dev.parley.local.StandIns;
import java.net.URI;
import org.eclipse.microprofile.config.ConfigProvider;

/** The running test's Lambda stand-in, through which WebSocket chat turns are handed to the stream function. */
public final class HandOffs {
    private HandOffs() {}

    public static LambdaApiControl control() {
        return new LambdaApiControl(
                ConfigProvider.getConfig().getValue(StandIns.LAMBDA_API_CONFIG, URI.class));
    }
}
