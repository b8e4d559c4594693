package dev.parley.streaming;

import dev.parley.afterresponse.LambdaExtension;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The process entry point (native {@code bootstrap}, and the JVM stream function's exec wrapper).
 * Exactly Quarkus's default ({@code Quarkus.run}) unless this process is the stream function,
 * whose Runtime API loop must be Parley's alone ({@link StreamFunction}). Lambda's Java managed
 * runtime never calls it: it instantiates Quarkus's handler class itself.
 */
@QuarkusMain
public final class ParleyMain {
    ParleyMain() {}

    public static void main(String... args) {
        if (StreamFunction.enabled()) {
            StreamFunction.parkQuarkusLoop();
        }
        // Before Quarkus's poll loop can ask for its first invocation: an extension registered
        // after that is refused. The stream function drains in its own loop and needs none.
        LambdaExtension.decide(StreamFunction.enabled());
        Quarkus.run(args);
    }
}
