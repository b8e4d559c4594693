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
 * benchmark's profile): one call is one round trip on the request path (retries aside).
 */
public class DynamoRoundTrips implements ExecutionInterceptor {
    private static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String operation = context.request().getClass().getSimpleName().replace("Request", "");
        CALLS.computeIfAbsent(operation, o -> new AtomicInteger()).incrementAndGet();
    }

    static void reset() {
        CALLS.clear();
    }

    /** The calls since the last reset, by operation. */
    static Map<String, Integer> snapshot() {
        Map<String, Integer> copy = new TreeMap<>();
        CALLS.forEach((operation, count) -> copy.put(operation, count.get()));
        return copy;
    }

    static int total() {
        return snapshot().values().stream().mapToInt(Integer::intValue).sum();
    }
}
