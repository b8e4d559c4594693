package dev.parley.bench;

import dev.parley.bench.ColdStartBenchmark.Figures;
import dev.parley.bench.ColdStartBenchmark.Mode;
import java.util.Locale;
import java.util.Map;

/** {@link ColdStartBenchmark}'s table and its targets (docs/warm-path.md reads them). */
final class BenchReport {
    private static final String ROW =
            "%-18s %-11s %8s %8s %8s %8s %6s %6s %8s %8s %7s %7s %6s %6s %7s %7s %7s%n";

    private BenchReport() {}

    static void print(
            Map<String, Map<Mode, Figures>> results,
            String loadBefore,
            String loadAfter,
            int coldRuns,
            int warmRequests) {
        StringBuilder out = new StringBuilder("\n");
        out.append(
                String.format(
                        Locale.ROOT,
                        "Cold start, %d cold starts per row (medians), %d warm requests each; "
                                + "%d cores, load average (1, 5, 15 min) before %s, after %s; %s %s%n",
                        coldRuns,
                        warmRequests,
                        Runtime.getRuntime().availableProcessors(),
                        loadBefore,
                        loadAfter,
                        System.getProperty("java.vm.name"),
                        System.getProperty("java.version")));
        out.append(
                String.format(
                        Locale.ROOT,
                        ROW,
                        "route",
                        "mode",
                        "init ms",
                        "restore",
                        "first ms",
                        "cold",
                        "1st CPU",
                        "1st db",
                        "warm p50",
                        "warm p90",
                        "CPU/call",
                        "req CPU",
                        "db crit",
                        "db aft",
                        "aft ms",
                        "RSS MB",
                        "init CPU"));
        results.forEach(
                (route, byMode) ->
                        byMode.forEach(
                                (mode, f) ->
                                        out.append(
                                                String.format(
                                                        Locale.ROOT,
                                                        ROW,
                                                        route,
                                                        mode.name().toLowerCase(Locale.ROOT),
                                                        fixed(f.initMs(), 1),
                                                        mode == Mode.PRIMED
                                                                ? fixed(f.restoreMs(), 1)
                                                                : "-",
                                                        fixed(f.firstMs(), 1),
                                                        fixed(f.coldMs(), 1),
                                                        fixed(f.firstCpuMs(), 0),
                                                        fixed(f.firstDynamo(), 0),
                                                        fixed(f.p50(), 2),
                                                        fixed(f.p90(), 2),
                                                        fixed(f.warmCpuMs(), 2),
                                                        fixed(f.requestCpuMs(), 2),
                                                        fixed(f.dynamo().criticalPerCall(), 2),
                                                        fixed(f.dynamo().afterPerCall(), 2),
                                                        fixed(f.dynamo().afterP50Ms(), 2),
                                                        fixed(f.rssMb(), 1),
                                                        fixed(f.initCpuMs(), 0)))));
        out.append(
                """
                init = process start to the first invocation/next (primed: to restore/next, i.e. the snapshot);
                restore = afterRestore hooks (restore/next to invocation/next); first = event handed out to response;
                cold = init + restore + first (with SnapStart the user waits only Lambda's restore + restore + first);
                1st CPU = CPU ms the process used for the first request (all threads, /proc/<pid>/stat, 10 ms ticks);
                1st db = DynamoDB requests while the first request was answered; CPU/call = the process's CPU ms per
                warm call (all threads: post-response work and the JIT compiler included); req CPU = the answering
                thread's CPU ms per warm call (the critical path's own work); db crit / db aft = DynamoDB requests per
                warm call before the response was posted (critical path) and after it until the environment was
                released; aft ms = p50 of that post-response time; RSS = VmHWM of the process.
                CPU figures depend little on other load; wall times on a loaded machine are mostly waiting for a core.

                Targets:
                """);
        results.forEach((route, byMode) -> targets(out, route, byMode));
        System.out.println(out);
    }

    private static void targets(StringBuilder out, String route, Map<Mode, Figures> byMode) {
        Figures parley = byMode.get(Mode.PARLEY);
        if (parley == null) {
            return; // a profiling run of other modes (parley.bench.modes)
        }
        Figures primed = byMode.get(Mode.PRIMED);
        if (primed != null) {
            line(
                    out,
                    "%-18s primed first %.1f ms = %.2fx warm p50 %.2f ms (target <= 3x); CPU %.0f ms,"
                            + " DynamoDB requests %.0f",
                    route,
                    primed.firstMs(),
                    primed.firstMs() / parley.p50(),
                    parley.p50(),
                    primed.firstCpuMs(),
                    primed.firstDynamo());
        }
        Figures ledgerOff = byMode.get(Mode.NO_LEDGER);
        if (ledgerOff != null) {
            line(
                    out,
                    "%-18s warm p50 ledger on %.2f ms / off %.2f ms = %.2fx; DynamoDB requests on the"
                            + " critical path %.2f per call",
                    route,
                    parley.p50(),
                    ledgerOff.p50(),
                    parley.p50() / ledgerOff.p50(),
                    parley.dynamo().criticalPerCall());
        }
        keyed(out, route, parley, byMode.get(Mode.KEY), "key verified recently", 0);
        keyed(out, route, parley, byMode.get(Mode.LIMITED_KEY), "rpm/tpm-limited key", 1);
        Figures jit = byMode.get(Mode.JIT);
        if (jit != null) {
            line(
                    out,
                    "%-18s warm p50 with scaled compile thresholds %.2f ms = %.2fx default (request"
                            + " thread CPU %.2f vs %.2f ms)",
                    route,
                    jit.p50(),
                    jit.p50() / parley.p50(),
                    jit.requestCpuMs(),
                    parley.requestCpuMs());
        }
        Figures peer = byMode.get(Mode.BOTO3);
        if (peer != null) {
            line(
                    out,
                    "%-18s unprimed init+first %.1f ms = %.2fx boto3's %.1f ms (target <= 3x)",
                    route,
                    parley.initMs() + parley.firstMs(),
                    (parley.initMs() + parley.firstMs()) / peer.coldMs(),
                    peer.coldMs());
            for (Mode mode : new Mode[] {Mode.PARLEY, Mode.PRIMED, Mode.KEY, Mode.LIMITED_KEY}) {
                Figures f = byMode.get(mode);
                if (f != null) {
                    line(
                            out,
                            "%-18s %-11s warm p50 %.2f ms = %.2fx boto3's %.2f ms (target <= 1.5x);"
                                    + " request thread CPU %.2f ms = %.2fx the peer's",
                            route,
                            mode.name().toLowerCase(Locale.ROOT),
                            f.p50(),
                            f.p50() / peer.p50(),
                            peer.p50(),
                            f.requestCpuMs(),
                            f.requestCpuMs() / peer.requestCpuMs());
                }
            }
        }
    }

    /** Issue 26's allowance: a key costs at most {@code allowed} DynamoDB requests more than anonymous. */
    private static void keyed(
            StringBuilder out,
            String route,
            Figures anonymous,
            Figures keyed,
            String what,
            int allowed) {
        if (keyed == null) {
            return;
        }
        double extra = keyed.dynamo().criticalPerCall() - anonymous.dynamo().criticalPerCall();
        line(
                out,
                "%-18s %s: warm p50 %.2f ms = %.2fx anonymous, p90 %.2f ms; DynamoDB requests on the"
                        + " critical path %.2f per call = %+.2f vs anonymous (target <= +%d)",
                route,
                what,
                keyed.p50(),
                keyed.p50() / anonymous.p50(),
                keyed.p90(),
                keyed.dynamo().criticalPerCall(),
                extra,
                allowed);
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }

    private static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
