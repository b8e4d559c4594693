package dev.parley.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.error.ErrorCode;
import dev.parley.modelcall.Usage;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Every metric Parley publishes, as CloudWatch Embedded Metric Format lines on standard output
 * (namespace {@code Parley}). A line goes to {@code System.out} itself, not through the log
 * handler: CloudWatch Logs extracts metrics only when the log event is the EMF JSON, and the JSON
 * log formatter would wrap it in its own record. On Lambda (LogFormat Text) each line is one event.
 * docs/operations.md (Metrics) lists the names and dimensions declared here.
 */
@ApplicationScoped
public class Metrics {
    private static final Logger LOG = Logger.getLogger(Metrics.class);

    static final String ROUTE = "Route";
    static final String MODEL = "Model";
    static final String ERROR_CODE = "ErrorCode";
    static final String TOOL = "Tool";
    static final String OUTCOME = "Outcome";
    static final String PERIOD = "Period";

    /** Per route and model, per model, and in total (the empty set: what alarms watch). */
    private static final List<List<String>> BY_ROUTE_AND_MODEL =
            List.of(List.of(ROUTE, MODEL), List.of(MODEL), List.of());

    private final MetricsSettings settings;
    private final ObjectMapper mapper;
    private final Clock clock;

    /** Set while SnapStart priming runs requests: what they did happened to no one and is not published. */
    private volatile boolean muted;

    Metrics(MetricsSettings settings, ObjectMapper mapper, Clock clock) {
        this.settings = settings;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** A model call that was answered (by the model, or by the response cache when {@code cached}). */
    public void modelCall(
            String route,
            String model,
            Usage usage,
            long latencyMs,
            long overheadMs,
            boolean cached,
            boolean guardrailIntervened) {
        EmfLine line =
                new EmfLine(BY_ROUTE_AND_MODEL)
                        .dimension(ROUTE, route)
                        .dimension(MODEL, model)
                        .count("ModelCalls", 1)
                        .count("InputTokens", usage.inputTokens())
                        .count("OutputTokens", usage.outputTokens())
                        .count("CacheReadInputTokens", usage.cacheReadInputTokens())
                        .count("CacheWriteInputTokens", usage.cacheWriteInputTokens())
                        .count("CacheHits", cached ? 1 : 0)
                        .count("GuardrailInterventions", guardrailIntervened ? 1 : 0)
                        .millis("Overhead", overheadMs);
        if (!cached) {
            // A cached answer took no model time; its latency would skew the model's statistics.
            line.millis("ModelLatency", latencyMs);
        }
        emit(line);
    }

    /** A model call that failed; throttling also counts as {@code Throttles}. */
    public void modelError(String route, String model, ErrorCode code) {
        emit(
                new EmfLine(List.of(List.of(ERROR_CODE), List.of(ROUTE, MODEL, ERROR_CODE)))
                        .dimension(ROUTE, route)
                        .dimension(MODEL, model)
                        .dimension(ERROR_CODE, code.code())
                        .count("ModelErrors", 1));
        if (code == ErrorCode.THROTTLED) {
            emit(
                    new EmfLine(BY_ROUTE_AND_MODEL)
                            .dimension(ROUTE, route)
                            .dimension(MODEL, model)
                            .count("Throttles", 1));
        }
    }

    /** An ApplyGuardrail check of content a model is about to read (tool output, documents). */
    public void guardrailCheck(String route, long textUnits, boolean intervened) {
        emit(
                new EmfLine(List.of(List.of(ROUTE), List.of()))
                        .dimension(ROUTE, route)
                        .count("GuardrailChecks", 1)
                        .count("GuardrailTextUnits", textUnits)
                        .count("GuardrailInterventions", intervened ? 1 : 0));
    }

    /** A request answered with an error, whatever failed (validation, store, model, budget). */
    public void requestError(ErrorCode code) {
        emit(
                new EmfLine(List.of(List.of(ERROR_CODE)))
                        .dimension(ERROR_CODE, code.code())
                        .count("RequestErrors", 1));
    }

    /** A model call refused by a budget ({@code period}: day or month). */
    public void budgetRefusal(String route, String period) {
        emit(
                new EmfLine(List.of(List.of(ROUTE), List.of(PERIOD), List.of()))
                        .dimension(ROUTE, route)
                        .dimension(PERIOD, period)
                        .count("BudgetRefusals", 1));
    }

    /** One tool run of a tool loop; {@code outcome} is success or error. */
    public void toolCall(String tool, String outcome, long durationMs) {
        emit(
                new EmfLine(List.of(List.of(TOOL, OUTCOME), List.of(OUTCOME)))
                        .dimension(TOOL, tool)
                        .dimension(OUTCOME, outcome)
                        .count("ToolCalls", 1)
                        .millis("ToolDuration", durationMs));
    }

    /** One object of a documents event, by what became of it (summarized, failed, skipped, ignored, retry). */
    public void documentProcessed(String outcome) {
        emit(
                new EmfLine(List.of(List.of(OUTCOME)))
                        .dimension(OUTCOME, outcome)
                        .count("DocumentsProcessed", 1));
    }

    /** A request that named a legacy model (lifecycle/): who still uses a model that is about to die. */
    public void legacyModelCall(String model) {
        emit(
                new EmfLine(List.of(List.of(MODEL), List.of()))
                        .dimension(MODEL, model)
                        .count("LegacyModelCalls", 1));
    }

    /**
     * One catalog refresh (catalog/): how many catalog models the account reports legacy or not
     * callable ({@code CatalogModelsNeedingAttention}, 0 included, so the alarm always has data),
     * and each such model by name; a refresh that could not ask the account counts a failure.
     */
    public void catalogRefresh(List<String> modelsNeedingAttention) {
        emit(
                new EmfLine(List.of(List.of()))
                        .count("CatalogModelsNeedingAttention", modelsNeedingAttention.size())
                        .count("CatalogRefreshFailures", 0));
        modelsNeedingAttention.forEach(
                model ->
                        emit(
                                new EmfLine(List.of(List.of(MODEL)))
                                        .dimension(MODEL, model)
                                        .count("CatalogModelsNeedingAttention", 1)));
    }

    /** A catalog refresh that could not ask the account or store its answer. */
    public void catalogRefreshFailure() {
        emit(new EmfLine(List.of(List.of())).count("CatalogRefreshFailures", 1));
    }

    /** A usage-ledger write that did not make it (the call itself went on). */
    public void ledgerWriteFailure() {
        emit(new EmfLine(List.of(List.of())).count("LedgerWriteFailures", 1));
    }

    /**
     * Runs {@code work} publishing nothing (SnapStart priming's requests; nothing else runs meanwhile).
     * Its lines are still built, so the first real line finds that path warm.
     */
    public void muted(Runnable work) {
        muted = true;
        try {
            work.run();
        } finally {
            muted = false;
        }
    }

    private void emit(EmfLine line) {
        if (!settings.enabled()) {
            return;
        }
        try {
            String json =
                    mapper.writeValueAsString(
                            line.toJson(mapper, settings.namespace(), clock.millis()));
            if (!muted) {
                // println is synchronized on the stream: concurrent lines never interleave.
                System.out.println(json);
            }
        } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
            LOG.warnf(e, "could not write a metrics line");
        }
    }
}
