package dev.parley.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Counts the DynamoDB client's calls by operation ({@code quarkus.dynamodb.interceptors} in a
 * benchmark's profile): one call is one round trip (retries aside). Calls made after the response
 * ({@code AfterResponse.drain}: the ledger's writes, a key's lastUsedAt stamp) are counted apart
 * from those on the client's critical path.
 */
public class DynamoRoundTrips implements ExecutionInterceptor {
    private static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> AFTER_RESPONSE = new ConcurrentHashMap<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String operation = context.request().getClass().getSimpleName().replace("Request", "");
        boolean afterResponse =
                StackWalker.getInstance()
                        .walk(
                                frames ->
                                        frames.anyMatch(
                                                f ->
                                                        f.getClassName().endsWith(".AfterResponse")
                                                                && f.getMethodName()
                                                                        .equals("drain")));
        (afterResponse ? AFTER_RESPONSE : CALLS)
                .computeIfAbsent(operation, o -> new AtomicInteger())
                .incrementAndGet();
    }

    static void reset() {
        CALLS.clear();
        AFTER_RESPONSE.clear();
    }

    /** The calls on the critical path since the last reset, by operation. */
    static Map<String, Integer> snapshot() {
        return copy(CALLS);
    }

    /** The calls made after the response since the last reset, by operation. */
    static Map<String, Integer> afterResponse() {
        return copy(AFTER_RESPONSE);
    }

    private static Map<String, Integer> copy(Map<String, AtomicInteger> calls) {
        Map<String, Integer> copy = new TreeMap<>();
        calls.forEach((operation, count) -> copy.put(operation, count.get()));
        return copy;
    }

    static int total() {
        return snapshot().values().stream().mapToInt(Integer::intValue).sum();
    }
}
