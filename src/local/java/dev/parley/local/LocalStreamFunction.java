package dev.parley.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.streaming.RuntimeApi;
import dev.parley.streaming.StreamRuntime;
import io.quarkus.arc.Arc;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The stream function ({@code ParleyStreamFunction}) in the local run and tests: a
 * {@link LocalRuntimeApi} and {@code instances} copies of the deployed runtime loop
 * ({@link StreamRuntime}, the same code as in Lambda) polling it, each an execution environment
 * that runs one invocation at a time. The local API gateway sends the streaming routes here.
 */
public final class LocalStreamFunction implements AutoCloseable {
    /** The template's ParleyStreamFunction timeout. */
    public static final Duration TIMEOUT = Duration.ofSeconds(900);

    private final LocalRuntimeApi api;
    private final List<Thread> loops = new ArrayList<>();
    private volatile boolean running = true;

    private LocalStreamFunction(LocalRuntimeApi api) {
        this.api = api;
    }

    /** Starts the Runtime API and the loops, in the running application (dev or test mode). */
    public static LocalStreamFunction start(int instances) throws IOException {
        LocalStreamFunction function = new LocalStreamFunction(LocalRuntimeApi.start());
        StreamRuntime runtime = Arc.container().instance(StreamRuntime.class).get();
        ObjectMapper mapper = Arc.container().instance(ObjectMapper.class).get();
        for (int i = 0; i < Math.max(1, instances); i++) {
            RuntimeApi client = new RuntimeApi(function.api.address(), mapper);
            Thread loop =
                    new Thread(
                            () -> runtime.run(client, () -> function.running),
                            "stream-function-" + (i + 1));
            loop.setDaemon(true);
            loop.start();
            function.loops.add(loop);
        }
        return function;
    }

    public LocalRuntimeApi runtimeApi() {
        return api;
    }

    @Override
    public void close() {
        running = false;
        api.close();
    }
}
