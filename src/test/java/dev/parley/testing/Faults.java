package dev.parley.testing;

import dev.parley.local.StandIns;
import dev.parley.local.faults.FaultControl;
import java.net.URI;
import org.eclipse.microprofile.config.ConfigProvider;

/** The running test's fault proxies, one in front of each stand-in (see {@link StandIns#FAULT_TARGETS}). */
public final class Faults {
    private Faults() {}

    public static FaultControl bedrock() {
        return control("bedrock");
    }

    public static FaultControl dynamodb() {
        return control("dynamodb");
    }

    public static FaultControl s3() {
        return control("s3");
    }

    public static FaultControl management() {
        return control("management");
    }

    /** In front of the Lambda Invoke stand-in, where WebSocket chat turns are handed off. */
    public static FaultControl lambda() {
        return control("lambda");
    }

    /** Every proxy passes everything through again, with an empty request log. */
    public static void resetAll() {
        StandIns.FAULT_TARGETS.forEach(name -> control(name).reset());
    }

    private static FaultControl control(String name) {
        return new FaultControl(
                ConfigProvider.getConfig()
                        .getValue(StandIns.FAULTS_CONFIG_PREFIX + name, URI.class));
    }
}
