package dev.parley.keys;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Records the real DynamoDB client's calls on key items ({@code APIKEY#...}), and whether each ran
 * after the response ({@code AfterResponse.drain}) or on the client's critical path
 * ({@code quarkus.dynamodb.interceptors} in {@link KeysProfile}).
 */
public class KeyTableCalls implements ExecutionInterceptor {
    record Call(String operation, String pk, boolean afterResponse) {}

    private static final List<Call> CALLS = new ArrayList<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String pk = pkOf(context.request());
        if (pk == null || !pk.startsWith("APIKEY#")) {
            return;
        }
        boolean afterResponse =
                StackWalker.getInstance()
                        .walk(
                                frames ->
                                        frames.anyMatch(
                                                f ->
                                                        f.getClassName().endsWith(".AfterResponse")
                                                                && f.getMethodName()
                                                                        .equals("drain")));
        synchronized (CALLS) {
            CALLS.add(
                    new Call(
                            context.request().getClass().getSimpleName().replace("Request", ""),
                            pk,
                            afterResponse));
        }
    }

    private static String pkOf(SdkRequest request) {
        Map<String, AttributeValue> key = null;
        if (request instanceof GetItemRequest get) {
            key = get.key();
        } else if (request instanceof UpdateItemRequest update) {
            key = update.key();
        } else if (request instanceof DeleteItemRequest delete) {
            key = delete.key();
        } else if (request instanceof PutItemRequest put) {
            key = put.item();
        }
        return key == null || !key.containsKey("pk") ? null : key.get("pk").s();
    }

    static void reset() {
        synchronized (CALLS) {
            CALLS.clear();
        }
    }

    /** The calls since the last reset on the item of key {@code id} (all keys: null). */
    static List<Call> on(String id) {
        synchronized (CALLS) {
            return CALLS.stream().filter(c -> id == null || c.pk().equals("APIKEY#" + id)).toList();
        }
    }
}
