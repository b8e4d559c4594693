package dev.parley.bedrock;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs model calls concurrently with a bound on how many are in flight at once (Bedrock quotas are
 * per account, so fanning out without limit only buys throttling). The pool starts on first use.
 */
@ApplicationScoped
public class ModelCallPool {
    private final int size;
    private volatile ExecutorService executor;

    ModelCallPool(
            @ConfigProperty(name = "parley.bedrock.max-concurrency", defaultValue = "8") int size) {
        this.size = size;
    }

    public <T> CompletableFuture<T> submit(Supplier<T> call) {
        return CompletableFuture.supplyAsync(call, executor());
    }

    private ExecutorService executor() {
        ExecutorService current = executor;
        if (current == null) {
            synchronized (this) {
                if (executor == null) {
                    AtomicInteger count = new AtomicInteger();
                    executor =
                            Executors.newFixedThreadPool(
                                    size,
                                    task -> {
                                        Thread thread =
                                                new Thread(
                                                        task,
                                                        "parley-model-call-"
                                                                + count.incrementAndGet());
                                        thread.setDaemon(true);
                                        return thread;
                                    });
                }
                current = executor;
            }
        }
        return current;
    }

    @PreDestroy
    void shutdown() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
