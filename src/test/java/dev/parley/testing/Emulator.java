package dev.parley.testing;

import dev.parley.local.bedrock.EmulatorControl;
import java.net.URI;
import org.eclipse.microprofile.config.ConfigProvider;

/** The running test's Bedrock emulator, found through the configuration the stand-ins set. */
public final class Emulator {
    private Emulator() {}

    public static EmulatorControl control() {
        return new EmulatorControl(
                ConfigProvider.getConfig().getValue("parley.bedrock.endpoint-override", URI.class));
    }
}
