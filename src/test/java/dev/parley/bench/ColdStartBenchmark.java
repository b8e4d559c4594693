package dev.parley.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.local.LocalRuntimeApi;
import dev.parley.local.StandIns;
import dev.parley.testing.FunctionZip;
import dev.parley.testing.JavaRuntime;
import dev.parley.testing.Lambda;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What a Lambda user feels: {@code target/function.zip}, unpacked as Lambda unpacks it, run by
 * AWS's runtime interface client with Lambda's JVM flags under a Runtime API stand-in
 * ({@link LocalRuntimeApi}), against the local stand-ins. Per route it measures init (process
 * start to the first {@code invocation/next}), the first request, warm p50/p90 and peak RSS;
 * then the same with SnapStart's phases (the runtime runs the CRaC {@code beforeCheckpoint}
 * hooks, asks {@code restore/next}, runs {@code afterRestore}); and a boto3 peer
 * (src/test/python/boto3_peer.py) for the routes it implements, all in the same run.
 *
 * <p>No real checkpoint is taken here (that needs Lambda or a CRaC JDK): the "primed" first request
 * is the first request after priming ran in the same process, which is what a restored snapshot
 * serves, minus the restore itself.
 *
 * <p>A benchmark, not a test: package first, then
 * {@code ./mvnw test -Dparley.test.includes='**&#47;ColdStartBenchmark.java'} (see docs/benchmarks.md).
 */
class ColdStartBenchmark {
    private static final int COLD_RUNS = Integer.getInteger("parley.bench.cold-runs", 3);
    private static final int WARM_REQUESTS = Integer.getInteger("parley.bench.warm-requests", 300);
    private static final String ONLY_ROUTES = System.getProperty("parley.bench.routes", "");

    /** Only these modes (e.g. {@code parley,boto3}), to profile one of them; every mode by default. */
    private static final String ONLY_MODES = System.getProperty("parley.bench.modes", "");

    /** Regenerates priming's class list from this run (docs/benchmarks.md: Cold start). */
    private static final boolean WRITE_PRELOAD_LIST =
            Boolean.getBoolean("parley.bench.write-preload-list");

    private static final Path PRELOAD_LIST =
            Path.of("src", "main", "resources", "META-INF", "parley-preload-classes.txt");

    private static final String MODEL_ID =
            "us.amazon.nova-micro-v1:0"; // nova-micro, the default model

    /** A cold JVM on a machine shared with other builds can take minutes to reach the Runtime API. */
    private static final Duration START_TIMEOUT =
            Duration.ofSeconds(Integer.getInteger("parley.bench.start-timeout-s", 90));

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final Path BENCH_DIR = Path.of("target", "bench");
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        // The JDK's HTTP server (this Runtime API stand-in, the Bedrock emulator) leaves Nagle's
        // algorithm on by default; with the clients' delayed ACKs every small exchange would then
        // wait about 40 ms, which would measure TCP timers instead of the functions. Read once,
        // when the first server starts, so it must be set before the stand-ins start.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    enum Mode {
        PARLEY("parley (anonymous caller)", true),
        KEY("parley, API key verified recently on the instance", true),
        LIMITED_KEY("parley, API key with rpm and tpm limits", true),
        NO_LEDGER("parley with PARLEY_USAGE_ENABLED=false", true),
        PRIMED("parley, SnapStart phases (priming in beforeCheckpoint)", true),
        BOTO3("python3 + boto3 peer", true),
        /** On demand with C1's compile thresholds scaled down (only when named in parley.bench.modes). */
        JIT("parley, -XX:CompileThresholdScaling=" + JIT_SCALING, false);

        final String label;
        final boolean byDefault;

        Mode(String label, boolean byDefault) {
            this.label = label;
            this.byDefault = byDefault;
        }
    }

    /** The JIT mode's scaling of the compile thresholds (C1 compiles after ~200 calls otherwise). */
    static final String JIT_SCALING = System.getProperty("parley.bench.jit-scaling", "0.05");

    /** A request to measure; {@code peer} when the boto3 peer implements it too. */
    record Route(String name, byte[] event, boolean peer) {
        /** The event a mode sends: the key modes present their key. */
        byte[] event(Mode mode, BenchKeys keys) {
            return switch (mode) {
                case KEY -> keys.presenting(keys.verified(), event);
                case LIMITED_KEY -> keys.presenting(keys.limited(), event);
                default -> event;
            };
        }
    }

    /** One execution environment's life: start, (restore), first request, warm requests. */
    record Run(
            double initMs,
            double restoreMs,
            double firstMs,
            List<Double> warmMs,
            long peakRssKb,
            double initCpuMs,
            double firstCpuMs,
            int firstDynamo,
            double warmCpuMs,
            Map<String, Double> warmCpuByThread,
            Dynamo dynamo,
            WallSplit split) {
        double coldMs() {
            return initMs + restoreMs + firstMs;
        }

        /**
         * The CPU ms per warm call of the thread that answers (the runtime client's main thread,
         * "java"; the peer is one Python thread): the critical path's own CPU, which neither the
         * post-response work nor the JIT compiler adds to.
         */
        double requestThreadCpuMs() {
            return warmCpuByThread.getOrDefault(
                    "java", warmCpuByThread.getOrDefault("python3", warmCpuMs));
        }
    }

    record Figures(
            double initMs,
            double restoreMs,
            double firstMs,
            double coldMs,
            double p50,
            double p90,
            double rssMb,
            double initCpuMs,
            double firstCpuMs,
            double firstDynamo,
            double warmCpuMs,
            double requestCpuMs,
            Dynamo dynamo) {}

    /**
     * DynamoDB requests per warm call, counted at the DynamoDB fault proxy: before the response was
     * posted (the critical path) and after it, until the environment was released (post-response
     * work); and the p50 of that post-response time.
     */
    record Dynamo(double criticalPerCall, double afterPerCall, double afterP50Ms) {
        static final Dynamo NONE = new Dynamo(0, 0, 0);
    }

    /**
     * Where a warm request's wall time went (medians, ms), from the Runtime API stand-in's and the
     * Bedrock emulator's clocks (one JVM, one System.nanoTime()): from the event handed out to the
     * model call reaching the emulator, the emulator's own handling, and from its answer to the
     * response posted. The peer's figures are the same spans of its boto3 call.
     */
    record WallSplit(double beforeMs, double modelMs, double afterMs) {}

    @Test
    void coldStart() throws Exception {
        Path zip = Path.of("target", "function.zip");
        assertTrue(Files.isRegularFile(zip), "package first: ./mvnw package -DskipTests");
        Path task = FunctionZip.unpack(zip, BENCH_DIR.resolve("function"));
        Files.createDirectories(BENCH_DIR.resolve("logs"));
        Files.createDirectories(BENCH_DIR.resolve("classes"));
        try (Stream<Path> old = Files.list(BENCH_DIR.resolve("classes"))) {
            for (Path log : old.toList()) {
                Files.delete(log);
            }
        }
        String loadBefore = loadAverage();
        Map<String, Map<Mode, Figures>> results = new LinkedHashMap<>();
        Map<String, String> loadByRoute = new LinkedHashMap<>();
        try (StandIns standIns = StandIns.start(StandIns.Options.ephemeral())) {
            BenchKeys keys = mintKeys(task, standIns);
            for (Route route : routes()) {
                List<Mode> modes =
                        List.of(Mode.values()).stream()
                                .filter(mode -> wanted(route, mode))
                                .toList();
                String routeLoadBefore = loadAverage();
                Map<Mode, List<Run>> runs = new LinkedHashMap<>();
                for (int i = 0; i < COLD_RUNS; i++) {
                    runOnce(route, modes, i, task, standIns, keys)
                            .forEach(
                                    (mode, run) ->
                                            runs.computeIfAbsent(mode, m -> new ArrayList<>())
                                                    .add(run));
                }
                Map<Mode, Figures> byMode = new LinkedHashMap<>();
                runs.forEach(
                        (mode, modeRuns) -> {
                            byMode.put(mode, summarize(modeRuns));
                            System.out.printf(
                                    Locale.ROOT,
                                    "measured %-22s %-8s %s%n",
                                    route.name(),
                                    mode,
                                    byMode.get(mode));
                        });
                results.put(route.name(), byMode);
                loadByRoute.put(route.name(), routeLoadBefore + " -> " + loadAverage());
            }
        }
        BenchReport.print(results, loadBefore, loadAverage(), COLD_RUNS, WARM_REQUESTS);
        loadByRoute.forEach(
                (route, load) ->
                        System.out.printf(
                                Locale.ROOT,
                                "load average (1, 5, 15 min) over %s: %s%n",
                                route,
                                load));
        if (WRITE_PRELOAD_LIST) {
            writePreloadList();
        }
    }

    private static List<Route> routes() throws IOException {
        List<Route> routes =
                List.of(
                        new Route("GET /v1/health", http("GET", "/v1/health", null), true),
                        new Route("GET /v1/models", http("GET", "/v1/models", null), false),
                        new Route(
                                "POST /v1/summarize",
                                JSON.writeValueAsBytes(Lambda.event("summarize.json")),
                                true),
                        new Route(
                                "POST /v1/chat",
                                http(
                                        "POST",
                                        "/v1/chat",
                                        "{\"message\":\"Summarize in one line: the river festival returns in June.\"}"),
                                false),
                        new Route(
                                "POST /v1/tools",
                                http(
                                        "POST",
                                        "/v1/tools",
                                        "{\"message\":\"What is 17.5 * 4 + 3^2?\",\"tools\":[\"calculator\"]}"),
                                false));
        if (ONLY_ROUTES.isBlank()) {
            return routes;
        }
        return routes.stream()
                .filter(
                        route ->
                                List.of(ONLY_ROUTES.split(",")).stream()
                                        .anyMatch(only -> route.name().endsWith(only.trim())))
                .toList();
    }

    /**
     * The key modes' keys, minted on a function process of their own before any mode starts (so
     * that no measured environment has seen them: each key mode verifies its key on its first
     * request, and finds it verified recently from then on).
     */
    private BenchKeys mintKeys(Path task, StandIns standIns) throws Exception {
        Route setup = new Route("setup", http("GET", "/v1/health", null), false);
        try (BenchEnvironment environment = start(setup, Mode.PARLEY, 0, task, standIns, null)) {
            return BenchKeys.mint(environment, CALL_TIMEOUT);
        }
    }

    private static boolean wanted(Route route, Mode mode) {
        if (mode == Mode.BOTO3 && !route.peer()) {
            return false;
        }
        return ONLY_MODES.isBlank() && mode.byDefault
                || List.of(ONLY_MODES.toLowerCase(Locale.ROOT).split(","))
                        .contains(mode.name().toLowerCase(Locale.ROOT));
    }

    /**
     * One cold start of every mode, one after the other (each alone on the machine while it starts),
     * then their warm requests interleaved: one request to each environment in turn, so that load
     * drifting on a shared machine reaches every mode alike.
     */
    private Map<Mode, Run> runOnce(
            Route route, List<Mode> modes, int index, Path task, StandIns standIns, BenchKeys keys)
            throws Exception {
        Map<Mode, BenchEnvironment> environments = new LinkedHashMap<>();
        try {
            for (Mode mode : modes) {
                environments.put(mode, start(route, mode, index, task, standIns, keys));
            }
            for (int i = 0; i < WARM_REQUESTS; i++) {
                for (Map.Entry<Mode, BenchEnvironment> environment : environments.entrySet()) {
                    try {
                        environment.getValue().warmRequest(standIns, CALL_TIMEOUT);
                    } catch (Exception e) {
                        throw new IllegalStateException(
                                route.name()
                                        + " / "
                                        + environment.getKey()
                                        + " failed (log: "
                                        + "target/bench/logs/"
                                        + logName(route, environment.getKey(), index)
                                        + "): "
                                        + e.getMessage(),
                                e);
                    }
                }
            }
            Map<Mode, Run> runs = new LinkedHashMap<>();
            for (Map.Entry<Mode, BenchEnvironment> environment : environments.entrySet()) {
                Run run = environment.getValue().run();
                printWarmBreakdown(route, environment.getKey(), run);
                runs.put(environment.getKey(), run);
            }
            return runs;
        } finally {
            environments.values().forEach(BenchEnvironment::close);
        }
    }

    private static String logName(Route route, Mode mode, int index) {
        return route.name().replaceAll("[^A-Za-z0-9]+", "-")
                + "-"
                + mode.name().toLowerCase(Locale.ROOT)
                + "-"
                + index
                + ".log";
    }

    private BenchEnvironment start(
            Route route, Mode mode, int index, Path task, StandIns standIns, BenchKeys keys)
            throws Exception {
        String logName = logName(route, mode, index);
        LocalRuntimeApi api = LocalRuntimeApi.start();
        try {
            ProcessBuilder builder =
                    mode == Mode.BOTO3 ? boto3(api, standIns) : parley(api, standIns, task, mode);
            builder.redirectErrorStream(true)
                    .redirectOutput(
                            BENCH_DIR.resolve("logs").resolve(logName).toAbsolutePath().toFile());
            return BenchEnvironment.start(
                    standIns,
                    api,
                    builder,
                    mode == Mode.PRIMED,
                    route.event(mode, keys),
                    outcome -> check(route, outcome),
                    START_TIMEOUT,
                    CALL_TIMEOUT);
        } catch (Exception | Error e) {
            api.close();
            throw new IllegalStateException(
                    route.name()
                            + " / "
                            + mode
                            + " failed (log: target/bench/logs/"
                            + logName
                            + "): "
                            + e.getMessage(),
                    e);
        }
    }

    /** Lambda's Java runtime ({@link JavaRuntime}) with the mode's options. */
    private static ProcessBuilder parley(
            LocalRuntimeApi api, StandIns standIns, Path task, Mode mode) {
        List<String> command = JavaRuntime.jvm();
        if (mode == Mode.NO_LEDGER) {
            command.add("-Dparley.usage.enabled=false");
        }
        if (mode == Mode.JIT) {
            // After the template's options: the last of a repeated flag wins.
            command.add("-XX:CompileThresholdScaling=" + JIT_SCALING);
        }
        // The anonymous and the key modes' classes (a key's verification and rate limits included).
        if (WRITE_PRELOAD_LIST
                && (mode == Mode.PARLEY || mode == Mode.KEY || mode == Mode.LIMITED_KEY)) {
            command.add(
                    "-Xlog:class+load=info:file="
                            + BENCH_DIR.resolve("classes").toAbsolutePath()
                            + "/%p.log");
        }
        Map<String, String> config = new LinkedHashMap<>(standIns.functionConfig());
        // Bedrock directly, as the peer calls it: the fault proxy (which counts the DynamoDB
        // requests) would add a hop to Parley's model call that the peer's does not make.
        config.put(
                "parley.bedrock.endpoint-override",
                standIns.bedrockEndpoint().orElseThrow().toString());
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        // {mode} in the extra arguments names a file per mode (e.g. one JFR recording each).
        String modeName = mode.name().toLowerCase(Locale.ROOT);
        command.addAll(
                List.of(System.getProperty("parley.bench.jvm-args", "").split(" ")).stream()
                        .filter(arg -> !arg.isBlank())
                        .map(arg -> arg.replace("{mode}", modeName))
                        .toList());
        ProcessBuilder builder = JavaRuntime.function(command, task, api);
        if (mode == Mode.PRIMED) {
            builder.environment().put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
        }
        return builder;
    }

    private static ProcessBuilder boto3(LocalRuntimeApi api, StandIns standIns) {
        ProcessBuilder builder =
                new ProcessBuilder(
                        "python3",
                        Path.of("src", "test", "python", "boto3_peer.py")
                                .toAbsolutePath()
                                .toString());
        Map<String, String> env = JavaRuntime.lambdaEnvironment(builder, api);
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_python3.11");
        env.put("AWS_ACCESS_KEY_ID", StandIns.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", StandIns.SECRET_KEY);
        env.put(
                "PARLEY_BENCH_BEDROCK_ENDPOINT",
                standIns.bedrockEndpoint().orElseThrow().toString());
        env.put("PARLEY_BENCH_MODEL_ID", MODEL_ID);
        return builder;
    }

    private static void check(Route route, LocalRuntimeApi.Outcome outcome) {
        assertFalse(outcome.error(), route.name() + " failed: " + outcome.body());
        JsonNode response;
        try {
            response = JSON.readTree(outcome.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(
                    route.name() + " answered no JSON: " + outcome.body(), e);
        }
        int status = response.path("statusCode").asInt();
        assertTrue(status == 200 || status == 201, route.name() + " answered " + outcome.body());
    }

    private static Figures summarize(List<Run> runs) {
        List<Double> warm = runs.stream().flatMap(run -> run.warmMs().stream()).sorted().toList();
        return new Figures(
                median(runs.stream().map(Run::initMs).toList()),
                median(runs.stream().map(Run::restoreMs).toList()),
                median(runs.stream().map(Run::firstMs).toList()),
                median(runs.stream().map(Run::coldMs).toList()),
                percentile(warm, 0.5),
                percentile(warm, 0.9),
                median(runs.stream().map(run -> (double) run.peakRssKb()).toList()) / 1024.0,
                median(runs.stream().map(Run::initCpuMs).toList()),
                median(runs.stream().map(Run::firstCpuMs).toList()),
                median(runs.stream().map(run -> (double) run.firstDynamo()).toList()),
                median(runs.stream().map(Run::warmCpuMs).toList()),
                median(runs.stream().map(Run::requestThreadCpuMs).toList()),
                new Dynamo(
                        median(runs.stream().map(run -> run.dynamo().criticalPerCall()).toList()),
                        median(runs.stream().map(run -> run.dynamo().afterPerCall()).toList()),
                        median(runs.stream().map(run -> run.dynamo().afterP50Ms()).toList())));
    }

    private static byte[] http(String method, String path, String body) throws IOException {
        return JSON.writeValueAsBytes(Lambda.http(method, path, body));
    }

    /**
     * Every class the function's own jars gave the unprimed runs (init and requests of every route),
     * JDK classes (in the CDS archive already) and generated lambdas left out. Loading a class that
     * is already loaded costs nothing, so the list does not need to know where init ended.
     */
    private static void writePreloadList() throws IOException {
        java.util.TreeSet<String> classes = new java.util.TreeSet<>();
        if (!ONLY_ROUTES.isBlank() && Files.isRegularFile(PRELOAD_LIST)) {
            // A run of some routes adds its classes to those of the routes it did not run.
            Files.readAllLines(PRELOAD_LIST).stream()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .forEach(classes::add);
        }
        try (Stream<Path> logs = Files.list(BENCH_DIR.resolve("classes"))) {
            for (Path log : logs.toList()) {
                for (String line : Files.readAllLines(log)) {
                    int source = line.indexOf(" source: ");
                    if (source < 0 || !line.substring(source).contains("/bench/function/")) {
                        continue;
                    }
                    String name = line.substring(line.lastIndexOf(' ', source - 1) + 1, source);
                    if (!name.contains("$$Lambda") && !name.contains("/0x")) {
                        classes.add(name);
                    }
                }
            }
        }
        List<String> lines =
                new ArrayList<>(
                        List.of(
                                "# Classes priming loads before a SnapStart snapshot (dev.parley.priming.ClassPreloader).",
                                "# Generated from real runs of every benchmarked route:",
                                "#   ./mvnw test -Dparley.test.includes='**/ColdStartBenchmark.java' -Dparley.bench.write-preload-list=true"));
        lines.addAll(classes);
        Files.createDirectories(PRELOAD_LIST.getParent());
        Files.write(PRELOAD_LIST, lines);
        System.out.println("wrote " + classes.size() + " classes to " + PRELOAD_LIST);
    }

    /**
     * Where a mode's warm CPU went, by thread name, and the p50 of the first and second half of its
     * warm requests: a method called once per request reaches C1's compile threshold (about 200
     * calls) inside the warm phase.
     */
    private static void printWarmBreakdown(Route route, Mode mode, Run run) {
        StringBuilder threads = new StringBuilder();
        run.warmCpuByThread().entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(
                        entry ->
                                threads.append(
                                        String.format(
                                                Locale.ROOT,
                                                " %s=%.2f",
                                                entry.getKey(),
                                                entry.getValue())));
        List<Double> warm = run.warmMs();
        int half = warm.size() / 2;
        System.out.printf(
                Locale.ROOT,
                "warm %-20s %-9s p50 first half %.2f ms, second half %.2f ms; wall p50 before the"
                        + " model call %.2f, in it %.2f, after it %.2f ms; CPU ms per call by"
                        + " thread:%s%n",
                route.name(),
                mode,
                median(warm.subList(0, half)),
                median(warm.subList(half, warm.size())),
                run.split().beforeMs(),
                run.split().modelMs(),
                run.split().afterMs(),
                threads);
    }

    private static String loadAverage() {
        try (InputStream in = Files.newInputStream(Path.of("/proc/loadavg"))) {
            String[] parts = new String(in.readAllBytes(), StandardCharsets.US_ASCII).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    static double median(List<Double> values) {
        return percentile(values.stream().sorted().toList(), 0.5);
    }

    private static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
