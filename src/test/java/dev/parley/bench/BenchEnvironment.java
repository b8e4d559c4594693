package dev.parley.bench;

import dev.parley.local.LocalRuntimeApi;
import dev.parley.local.StandIns;
import dev.parley.local.bedrock.BedrockEmulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One execution environment of {@link ColdStartBenchmark}: a function process under its own
 * Runtime API stand-in, started cold (init, restore, first request measured), then kept alive so
 * that its warm requests can be interleaved with the other modes' (one request to each in turn):
 * on a shared machine whose load drifts, every mode then sees the same load, and the ratios
 * between modes are fair even when the absolute milliseconds are not.
 */
final class BenchEnvironment implements AutoCloseable {
    private final LocalRuntimeApi api;
    private final Process process;
    private final byte[] event;
    private final Consumer<LocalRuntimeApi.Outcome> check;
    private final double initMs;
    private final double restoreMs;
    private final double firstMs;
    private final double initCpuMs;
    private final double firstCpuMs;
    private final int firstCritical;
    private final List<Double> warm = new ArrayList<>();
    private final List<Double> after = new ArrayList<>();
    private final List<Double> beforeModel = new ArrayList<>();
    private final List<Double> inModel = new ArrayList<>();
    private final List<Double> afterModel = new ArrayList<>();
    private long critical;
    private long afterRequests;
    private double warmCpuBefore = Double.NaN;
    private Map<String, Double> threadCpuBefore = Map.of();

    private BenchEnvironment(
            LocalRuntimeApi api,
            Process process,
            byte[] event,
            Consumer<LocalRuntimeApi.Outcome> check,
            double[] cold,
            int firstCritical) {
        this.api = api;
        this.process = process;
        this.event = event;
        this.check = check;
        this.initMs = cold[0];
        this.restoreMs = cold[1];
        this.firstMs = cold[2];
        this.initCpuMs = cold[3];
        this.firstCpuMs = cold[4];
        this.firstCritical = firstCritical;
    }

    /**
     * Starts {@code builder}'s process against {@code api} with {@code event} already waiting (the
     * invocation that causes the cold start), and measures init, restore (when {@code restores})
     * and the first request, until the environment is released after it, with the DynamoDB
     * requests that reached {@code standIns}' fault proxy while the first request was answered.
     */
    static BenchEnvironment start(
            StandIns standIns,
            LocalRuntimeApi api,
            ProcessBuilder builder,
            boolean restores,
            byte[] event,
            Consumer<LocalRuntimeApi.Outcome> check,
            Duration startTimeout,
            Duration callTimeout)
            throws Exception {
        var first = api.invoke(event);
        long started = System.nanoTime();
        Process process = builder.start();
        try {
            long restoreAt = restores ? api.awaitRestoreNext(startTimeout) : 0;
            long nextAt = api.awaitFirstNext(startTimeout);
            double initCpu = cpuMs(process.pid());
            LocalRuntimeApi.Outcome firstOutcome = api.await(first, startTimeout);
            double firstCpu = cpuMs(process.pid()) - initCpu;
            check.accept(firstOutcome);
            api.awaitReleased(firstOutcome.requestId(), callTimeout);
            int firstCritical = (int) critical(standIns, firstOutcome);
            double initMs = ((restores ? restoreAt : nextAt) - started) / 1e6;
            double restoreMs = restores ? (nextAt - restoreAt) / 1e6 : 0;
            return new BenchEnvironment(
                    api,
                    process,
                    event,
                    check,
                    new double[] {initMs, restoreMs, firstOutcome.millis(), initCpu, firstCpu},
                    firstCritical);
        } catch (Exception | Error e) {
            stop(process);
            throw e;
        }
    }

    /** A request that is not measured (setting up, say): its outcome once the environment is released. */
    LocalRuntimeApi.Outcome call(byte[] request, Duration timeout) throws Exception {
        LocalRuntimeApi.Outcome outcome = api.await(api.invoke(request), timeout);
        api.awaitReleased(outcome.requestId(), timeout);
        return outcome;
    }

    private static long critical(StandIns standIns, LocalRuntimeApi.Outcome outcome) {
        return dynamoArrivals(standIns).stream()
                .filter(at -> at >= outcome.handedOutNanos() && at <= outcome.answeredNanos())
                .count();
    }

    private static List<Long> dynamoArrivals(StandIns standIns) {
        return standIns.faultProxy("dynamodb").map(proxy -> proxy.arrivals()).orElse(List.of());
    }

    /**
     * One warm request; like the peer's, the environment is idle again (released) before it
     * returns. DynamoDB requests that reached {@code standIns}' fault proxy while the response was
     * being computed count as critical, those after it until the release as post-response work.
     */
    void warmRequest(StandIns standIns, Duration timeout) throws Exception {
        if (Double.isNaN(warmCpuBefore)) {
            warmCpuBefore = cpuMs(process.pid());
            threadCpuBefore = threadCpuMs(process.pid());
        }
        LocalRuntimeApi.Outcome outcome = api.await(api.invoke(event), timeout);
        check.accept(outcome);
        warm.add(outcome.millis());
        split(standIns, outcome);
        long releasedAt = api.awaitReleased(outcome.requestId(), timeout);
        // An environment with nothing to do after the response (the peer, no extension) is released
        // when the runtime asks for its next event, which can be stamped before the answer is.
        after.add(Math.max(0, releasedAt - outcome.answeredNanos()) / 1e6);
        for (long at : dynamoArrivals(standIns)) {
            if (at >= outcome.handedOutNanos() && at <= outcome.answeredNanos()) {
                critical++;
            } else if (at > outcome.answeredNanos() && at <= releasedAt) {
                afterRequests++;
            }
        }
    }

    /** The request's wall time before, in and after its model call (the one the emulator answered inside it). */
    private void split(StandIns standIns, LocalRuntimeApi.Outcome outcome) {
        List<BedrockEmulator.Span> spans = standIns.bedrockCallSpans();
        for (int i = spans.size() - 1; i >= 0; i--) {
            BedrockEmulator.Span span = spans.get(i);
            if (span.startNanos() >= outcome.handedOutNanos()
                    && span.endNanos() <= outcome.answeredNanos()) {
                beforeModel.add((span.startNanos() - outcome.handedOutNanos()) / 1e6);
                inModel.add((span.endNanos() - span.startNanos()) / 1e6);
                afterModel.add((outcome.answeredNanos() - span.endNanos()) / 1e6);
                return;
            }
        }
    }

    /** What this environment measured; call after its warm requests. */
    ColdStartBenchmark.Run run() throws IOException {
        int calls = Math.max(1, warm.size());
        double warmCpu = (cpuMs(process.pid()) - warmCpuBefore) / calls;
        return new ColdStartBenchmark.Run(
                initMs,
                restoreMs,
                firstMs,
                List.copyOf(warm),
                peakRssKb(process.pid()),
                initCpuMs,
                firstCpuMs,
                firstCritical,
                warmCpu,
                threadsPerCall(calls),
                new ColdStartBenchmark.Dynamo(
                        (double) critical / calls,
                        (double) afterRequests / calls,
                        ColdStartBenchmark.median(after)),
                new ColdStartBenchmark.WallSplit(
                        ColdStartBenchmark.median(beforeModel),
                        ColdStartBenchmark.median(inModel),
                        ColdStartBenchmark.median(afterModel)));
    }

    /** CPU ms per warm call by thread name (the JIT compiler and GC threads included). */
    private Map<String, Double> threadsPerCall(int calls) throws IOException {
        Map<String, Double> delta = new HashMap<>();
        threadCpuMs(process.pid())
                .forEach(
                        (thread, ms) -> {
                            double perCall =
                                    (ms - threadCpuBefore.getOrDefault(thread, 0.0)) / calls;
                            if (perCall > 0.005) {
                                delta.put(thread, perCall);
                            }
                        });
        return delta;
    }

    @Override
    public void close() {
        stop(process);
        api.close();
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static long peakRssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    /** User + system CPU time of the process so far (clock ticks of 10 ms on Linux). */
    static double cpuMs(long pid) throws IOException {
        return ticksMs(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
    }

    /** CPU ms of every live thread of the process, summed by thread name (/proc/<pid>/task). */
    private static Map<String, Double> threadCpuMs(long pid) throws IOException {
        Map<String, Double> byName = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    // "C1 CompilerThre" and "C1 CompilerThre1" are one kind of thread; the main
                    // thread is "java".
                    String name =
                            stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                                    .replaceAll("[0-9]+$", "")
                                    .replace(' ', '_');
                    byName.merge(name, ticksMs(stat), Double::sum);
                } catch (IOException e) {
                    // the thread ended between the listing and the read
                }
            }
        }
        return byName;
    }

    private static double ticksMs(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10.0;
    }
}
