package dev.parley.local;

import com.amazonaws.services.lambda.runtime.Context;
import io.quarkus.amazon.lambda.runtime.AbstractLambdaPollLoop;
import io.quarkus.amazon.lambda.runtime.AmazonLambdaContext;
import io.quarkus.amazon.lambda.runtime.AmazonLambdaMapperRecorder;
import io.quarkus.amazon.lambda.runtime.AmazonLambdaRecorder;
import io.quarkus.amazon.lambda.runtime.LambdaInputReader;
import io.quarkus.amazon.lambda.runtime.LambdaOutputWriter;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.ShutdownContext;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * More Lambda instances for the local run and tests. Quarkus's dev and test mode run one
 * runtime poll loop against its mock Lambda runtime API, so one invocation at a time: a streamed
 * reply would hold every other request. Lambda runs concurrent invocations on separate instances,
 * each taking one event at a time from the runtime API; this starts that many more of Quarkus's
 * own poll loops against the same runtime API, so up to {@code extra + 1} invocations run at
 * once, each with its own Lambda context, deadline and request id, through the same handler
 * dispatch Lambda's Java runtime uses ({@link AmazonLambdaRecorder#handle}).
 *
 * <p>What they share is what a warm instance shares between its invocations (the SDK clients,
 * configuration and caches of one application); nothing of one invocation is visible to another.
 */
public final class LambdaInstances implements AutoCloseable {
    private final List<Runnable> shutdownTasks = new ArrayList<>();

    private LambdaInstances() {
    }

    /** Starts {@code extra} more poll loops; they stop on {@link #close()} or when the application stops. */
    public static LambdaInstances start(int extra) {
        LambdaInstances instances = new LambdaInstances();
        ShutdownContext shutdown = new ShutdownContext() {
            @Override
            public void addShutdownTask(Runnable task) {
                synchronized (instances.shutdownTasks) {
                    instances.shutdownTasks.add(task);
                }
            }

            @Override
            public void addLastShutdownTask(Runnable task) {
                addShutdownTask(task);
            }
        };
        for (int i = 0; i < extra; i++) {
            new Instance().startPollLoop(shutdown);
        }
        return instances;
    }

    /** One more instance: Quarkus's poll loop, handing each event to the application's handler. */
    private static final class Instance extends AbstractLambdaPollLoop {
        Instance() {
            super(AmazonLambdaMapperRecorder.objectMapper, AmazonLambdaMapperRecorder.cognitoIdReader,
                    AmazonLambdaMapperRecorder.clientCtxReader, LaunchMode.current());
        }

        @Override
        protected boolean isStream() {
            return true;
        }

        @Override
        protected void processRequest(InputStream input, OutputStream output, AmazonLambdaContext context)
                throws Exception {
            AmazonLambdaRecorder.handle(input, output, (Context) context);
        }

        @Override
        protected Object processRequest(Object input, AmazonLambdaContext context) {
            throw new UnsupportedOperationException("stream instances take the stream path");
        }

        @Override
        protected LambdaInputReader getInputReader() {
            return null;
        }

        @Override
        protected LambdaOutputWriter getOutputWriter() {
            return null;
        }
    }

    @Override
    public void close() {
        List<Runnable> tasks;
        synchronized (shutdownTasks) {
            tasks = new ArrayList<>(shutdownTasks);
            shutdownTasks.clear();
        }
        tasks.forEach(Runnable::run);
    }
}
