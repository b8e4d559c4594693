package dev.parley.afterresponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.local.LocalRuntimeApi;
import dev.parley.streaming.RuntimeApi;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The internal extension against the Runtime API stand-in, which implements the Extensions API's
 * rule that an invocation completes (and the environment may be frozen or reused) only when the
 * runtime and every extension asked for their next event: the caller has the response while the
 * post-response work still runs, and the next invocation waits for that work, never the response.
 */
class LambdaExtensionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void theResponseIsDeliveredBeforeTheDrainAndTheNextInvocationWaitsForIt() throws Exception {
        try (LocalRuntimeApi lambda = LocalRuntimeApi.start()) {
            CountDownLatch drainEntered = new CountDownLatch(1);
            CountDownLatch drainMayFinish = new CountDownLatch(1);
            List<String> drained = new CopyOnWriteArrayList<>();
            LambdaExtension extension =
                    LambdaExtension.start(
                            lambda.address(),
                            () -> {
                                drainEntered.countDown();
                                await(drainMayFinish);
                                drained.add("drained");
                            });
            RuntimeApi runtime = new RuntimeApi(lambda.address(), JSON);
            CompletableFuture<LocalRuntimeApi.Outcome> first =
                    lambda.invoke("{\"n\":1}".getBytes(StandardCharsets.UTF_8));
            CompletableFuture<LocalRuntimeApi.Outcome> second =
                    lambda.invoke("{\"n\":2}".getBytes(StandardCharsets.UTF_8));

            // The runtime's side, as Quarkus's loop or the runtime interface client runs it.
            RuntimeApi.Next one = runtime.next();
            extension.started(one.requestId());
            extension.handled(one.requestId());
            runtime.respond(one.requestId(), "{\"answer\":1}".getBytes(StandardCharsets.UTF_8));

            LocalRuntimeApi.Outcome answered = lambda.await(first, WAIT);
            assertEquals("{\"answer\":1}", answered.body(), "the caller has the response");
            assertTrue(
                    drainEntered.await(WAIT.toMillis(), TimeUnit.MILLISECONDS),
                    "the drain runs after the handler");
            CompletableFuture<RuntimeApi.Next> nextInvocation =
                    CompletableFuture.supplyAsync(
                            () -> {
                                try {
                                    return runtime.next();
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                            });
            assertFalse(
                    nextInvocation.isDone() || second.isDone(),
                    "no next invocation while the drain runs");
            assertEquals(List.of(), drained);

            drainMayFinish.countDown();
            RuntimeApi.Next two = nextInvocation.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertEquals(
                    List.of("drained"),
                    drained,
                    "the drain finished before the environment was released");
            assertTrue(lambda.awaitReleased(one.requestId(), WAIT) >= answered.answeredNanos());
            assertEquals("{\"n\":2}", new String(two.event(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void anInvocationWhoseHandlerNeverRanDoesNotHoldTheEnvironmentUntilItsDeadline()
            throws Exception {
        try (LocalRuntimeApi lambda = LocalRuntimeApi.start()) {
            CountDownLatch drained = new CountDownLatch(1);
            LambdaExtension.start(lambda.address(), drained::countDown);
            RuntimeApi runtime = new RuntimeApi(lambda.address(), JSON);
            CompletableFuture<LocalRuntimeApi.Outcome> call =
                    lambda.invoke("{}".getBytes(StandardCharsets.UTF_8));
            RuntimeApi.Next next = runtime.next();
            // The runtime failed the event before Parley's handler started (undecodable input,
            // say).
            runtime.error(next.requestId(), "Decode", "bad event");
            assertTrue(lambda.await(call, WAIT).error());
            assertTrue(
                    drained.await(WAIT.toMillis(), TimeUnit.MILLISECONDS),
                    "released after the start grace, not the 29 s deadline");
        }
    }

    @Test
    void registeringAfterInitIsRefused() throws Exception {
        try (LocalRuntimeApi lambda = LocalRuntimeApi.start()) {
            RuntimeApi runtime = new RuntimeApi(lambda.address(), JSON);
            CompletableFuture<LocalRuntimeApi.Outcome> call =
                    lambda.invoke("{}".getBytes(StandardCharsets.UTF_8));
            runtime.respond(runtime.next().requestId(), "{}".getBytes(StandardCharsets.UTF_8));
            lambda.await(call, WAIT);
            java.io.IOException refused =
                    org.junit.jupiter.api.Assertions.assertThrows(
                            java.io.IOException.class,
                            () -> LambdaExtension.start(lambda.address(), () -> {}));
            assertTrue(refused.getMessage().contains("403"), refused.getMessage());
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
