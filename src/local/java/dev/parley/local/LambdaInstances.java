package dev.parley.local;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.amazon.lambda.runtime.AmazonLambdaApi;
import io.quarkus.amazon.lambda.runtime.AmazonLambdaRecorder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * More Lambda instances for the local run and tests. Quarkus's dev and test mode run one runtime
 * poll loop against its mock Lambda runtime API, so one invocation at a time: a streamed reply
 * would hold every other request, and two turns on one conversation could never race. Lambda
 * runs concurrent invocations on separate instances, each taking one event at a time from the
 * runtime API; each {@link Instance} here is such a loop against the same runtime API, so up to
 * {@code extra + 1} invocations run at once. Each gets its own Lambda context (request id,
 * deadline from the runtime's {@code Lambda-Runtime-Deadline-Ms}) and goes through the handler
 * dispatch Lambda's Java runtime uses ({@link AmazonLambdaRecorder#handle}).
 *
 * <p>Not Quarkus's own poll loop: that one stops the application when it ends, so it could not be
 * stopped on its own. What the instances share is what one warm Lambda instance shares between
 * its invocations (SDK clients, configuration, caches of the one application); nothing of an
 * invocation is visible to another. Hot reload is still noticed by Quarkus's loop.
 */
public final class LambdaInstances implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LambdaInstances.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Lambda's default function timeout is 3 s; Parley's template sets 29 s. Used when the runtime sends no deadline. */
    private static final long FALLBACK_TIMEOUT_MS = 29_000;

    private final List<Instance> instances = new ArrayList<>();

    private LambdaInstances() {}

    /** Starts {@code extra} more instances against the application's runtime API. */
    public static LambdaInstances start(int extra) {
        // Where Quarkus's own loop polls: its mock runtime API in dev and test mode, Lambda's
        // elsewhere.
        String api =
                ConfigProvider.getConfig()
                        .getOptionalValue(
                                AmazonLambdaApi.QUARKUS_INTERNAL_AWS_LAMBDA_TEST_API, String.class)
                        .orElse(System.getenv("AWS_LAMBDA_RUNTIME_API"));
        if (api == null) {
            throw new IllegalStateException(
                    "no Lambda runtime API to poll (not in dev or test mode?)");
        }
        return start(api, extra);
    }

    /** Starts {@code count} instances polling the runtime API at {@code api} (host:port[/path]). */
    public static LambdaInstances start(String api, int count) {
        LambdaInstances started = new LambdaInstances();
        URI base = URI.create(AmazonLambdaApi.API_PROTOCOL + api);
        for (int i = 0; i < count; i++) {
            Instance instance = new Instance(base, i + 1);
            started.instances.add(instance);
            Thread thread = new Thread(instance, "lambda-instance-" + (i + 1));
            thread.setDaemon(true);
            thread.start();
        }
        return started;
    }

    /** One instance: takes the next event, invokes the handler, posts its result or error, again. */
    private static final class Instance implements Runnable {
        private final URI base;
        private final int number;
        private volatile boolean running = true;
        private volatile HttpURLConnection waiting;

        Instance(URI base, int number) {
            this.base = base;
            this.number = number;
        }

        @Override
        public void run() {
            while (running) {
                try {
                    invokeNext();
                } catch (IOException e) {
                    if (running) {
                        LOG.debugf("Lambda instance %d: %s", number, e);
                        pause();
                    }
                }
            }
        }

        private void invokeNext() throws IOException {
            HttpURLConnection next = open(AmazonLambdaApi.API_PATH_INVOCATION_NEXT);
            waiting = next;
            String requestId;
            byte[] event;
            long deadline;
            try (InputStream in = next.getInputStream()) {
                requestId = next.getHeaderField(AmazonLambdaApi.LAMBDA_RUNTIME_AWS_REQUEST_ID);
                deadline =
                        deadline(next.getHeaderField(AmazonLambdaApi.LAMBDA_RUNTIME_DEADLINE_MS));
                event = in.readAllBytes();
            } finally {
                waiting = null;
            }
            if (requestId == null) {
                return;
            }
            ByteArrayOutputStream result = new ByteArrayOutputStream();
            MDC.put("AWSRequestId", requestId);
            try {
                AmazonLambdaRecorder.handle(
                        new ByteArrayInputStream(event), result, context(requestId, deadline));
                post(
                        AmazonLambdaApi.API_PATH_INVOCATION
                                + requestId
                                + AmazonLambdaApi.API_PATH_RESPONSE,
                        result.toByteArray());
            } catch (Exception e) {
                // As Lambda reports a function error: the type and message, no stack trace.
                post(
                        AmazonLambdaApi.API_PATH_INVOCATION
                                + requestId
                                + AmazonLambdaApi.API_PATH_ERROR,
                        JSON.writeValueAsBytes(
                                Map.of(
                                        "errorType",
                                        e.getClass().getName(),
                                        "errorMessage",
                                        String.valueOf(e.getMessage()))));
            } finally {
                MDC.remove("AWSRequestId");
            }
        }

        private HttpURLConnection open(String path) throws IOException {
            HttpURLConnection connection =
                    (HttpURLConnection) URI.create(base + path).toURL().openConnection();
            connection.setConnectTimeout(5_000);
            return connection;
        }

        private void post(String path, byte[] body) throws IOException {
            HttpURLConnection connection = open(path);
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", "application/json");
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
            try (InputStream in = connection.getInputStream()) {
                in.readAllBytes();
            }
        }

        void stop() {
            running = false;
            HttpURLConnection connection = waiting;
            if (connection != null) {
                connection.disconnect(); // the runtime API puts an event it was about to hand over
                // back in its queue
            }
        }

        private void pause() {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    private static long deadline(String header) {
        try {
            return header == null
                    ? System.currentTimeMillis() + FALLBACK_TIMEOUT_MS
                    : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return System.currentTimeMillis() + FALLBACK_TIMEOUT_MS;
        }
    }

    private static Context context(String requestId, long deadlineMillis) {
        return new Context() {
            @Override
            public String getAwsRequestId() {
                return requestId;
            }

            @Override
            public String getLogGroupName() {
                return "/aws/lambda/parley-local";
            }

            @Override
            public String getLogStreamName() {
                return "local";
            }

            @Override
            public String getFunctionName() {
                return "parley-local";
            }

            @Override
            public String getFunctionVersion() {
                return "$LATEST";
            }

            @Override
            public String getInvokedFunctionArn() {
                return "arn:aws:lambda:us-east-1:123456789012:function:parley-local";
            }

            @Override
            public CognitoIdentity getIdentity() {
                return null;
            }

            @Override
            public ClientContext getClientContext() {
                return null;
            }

            @Override
            public int getRemainingTimeInMillis() {
                return (int) Math.max(0, deadlineMillis - System.currentTimeMillis());
            }

            @Override
            public int getMemoryLimitInMB() {
                return 512;
            }

            @Override
            public LambdaLogger getLogger() {
                return new LambdaLogger() {
                    @Override
                    public void log(String message) {
                        LOG.info(message);
                    }

                    @Override
                    public void log(byte[] message) {
                        LOG.info(new String(message, StandardCharsets.UTF_8));
                    }
                };
            }
        };
    }

    @Override
    public void close() {
        instances.forEach(Instance::stop);
        instances.clear();
    }
}
