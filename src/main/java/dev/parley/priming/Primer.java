package dev.parley.priming;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.bedrock.BedrockPriming;
import dev.parley.identity.Caller;
import dev.parley.metrics.Metrics;
import dev.parley.modelcall.ContentBlock;
import dev.parley.tools.InputValidator;
import dev.parley.tools.ToolContext;
import dev.parley.tools.ToolExecutor;
import dev.parley.tools.ToolRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Everything warmed before a SnapStart snapshot, none of it touching Bedrock, DynamoDB or S3:
 * classes from a real run's list, the SDK clients, a Converse call against a canned answer, the
 * request path through the handler (a summarize's success path and the ledger's write included,
 * against stand-ins), the tools' JSON Schemas. Each part is guarded: priming that
 * fails must never fail the snapshot, the request simply pays for what was not warmed.
 */
@ApplicationScoped
public class Primer {
    private static final Logger LOG = Logger.getLogger(Primer.class);

    /**
     * What priming did: classes preloaded, SDK clients warmed, the canned reply, the canned DynamoDB
     * operations, requests answered
     * otherwise than planned, requests the canned ledger table answered, schemas compiled, tool calls
     * that succeeded.
     */
    public record Report(
            int classes,
            int sdkClients,
            String converse,
            int dynamoRequests,
            List<String> unexpected,
            int ledgerRequests,
            int schemas,
            int toolRuns) {}

    /** Tools that need nothing outside the process (no weather service, no bucket). */
    private static final Set<String> LOCAL_TOOLS = Set.of("calculator", "current_time");

    private final PrimingSettings settings;
    private final BedrockPriming bedrock;
    private final SdkPriming sdk;
    private final DynamoPriming dynamo;
    private final RequestPriming requests;
    private final ToolRegistry tools;
    private final InputValidator validator;
    private final ObjectMapper mapper;
    private final ToolExecutor executor;
    private final Metrics metrics;

    Primer(
            PrimingSettings settings,
            BedrockPriming bedrock,
            SdkPriming sdk,
            DynamoPriming dynamo,
            RequestPriming requests,
            ToolRegistry tools,
            InputValidator validator,
            ObjectMapper mapper,
            ToolExecutor executor,
            Metrics metrics) {
        this.settings = settings;
        this.bedrock = bedrock;
        this.sdk = sdk;
        this.dynamo = dynamo;
        this.requests = requests;
        this.tools = tools;
        this.validator = validator;
        this.mapper = mapper;
        this.executor = executor;
        this.metrics = metrics;
    }

    /** Primes every part, publishing no metric: what priming does happened to no caller. */
    public Report prime() {
        Report[] report = new Report[1];
        metrics.muted(() -> report[0] = primeEveryPart());
        return report[0];
    }

    private Report primeEveryPart() {
        int classes =
                settings.preloadClasses()
                        ? guarded(
                                "class preloading",
                                0,
                                () -> ClassPreloader.preload(Primer.class.getClassLoader()))
                        : 0;
        int sdkClients = guarded("SDK warm-up", 0, sdk::prime);
        String converse = guarded("Converse", "", () -> bedrock.prime(settings.iterations()));
        int dynamoRequests =
                guarded("DynamoDB operations", 0, () -> dynamo.prime(settings.iterations()));
        RequestPriming.Outcome requested =
                guarded(
                        "requests",
                        new RequestPriming.Outcome(List.of("failed"), 0),
                        () -> requests.prime(settings.iterations()));
        int schemas =
                guarded(
                        "tool schemas",
                        0,
                        () -> {
                            // Compiles every schema (and loads the validator) the way a tool call
                            // would.
                            tools.all()
                                    .forEach(
                                            tool ->
                                                    validator.problems(
                                                            tool, mapper.createObjectNode()));
                            return tools.all().size();
                        });
        int toolRuns = guarded("tool runs", 0, this::runLocalTools);
        return new Report(
                classes,
                sdkClients,
                converse,
                dynamoRequests,
                requested.unexpected(),
                requested.ledgerRequests(),
                schemas,
                toolRuns);
    }

    /**
     * After a restore. Priming holds nothing time- or credential-bound: its SDK calls use throwaway
     * clients with canned answers and dummy static credentials, the real clients were only built
     * (they resolve credentials and open connections on their first request, after the restore),
     * and the runtime clears its DNS cache before the snapshot. What is left is to say so in the log.
     */
    public void restored() {
        LOG.info("restored from a SnapStart snapshot");
    }

    /**
     * Runs the tools that need nothing outside the process through the executor a tool call uses
     * (its thread pool, validation, timeout), the way the tool loop runs them.
     */
    private int runLocalTools() {
        List<ContentBlock.ToolUse> uses =
                List.of(
                        new ContentBlock.ToolUse(
                                "priming-calculator",
                                "calculator",
                                mapper.createObjectNode().put("expression", "17.5 * 4 + 3^2")),
                        new ContentBlock.ToolUse(
                                "priming-time",
                                "current_time",
                                mapper.createObjectNode().put("timezone", "UTC")));
        int ok = 0;
        for (int i = 0; i < Math.max(1, settings.iterations()); i++) {
            ok =
                    (int)
                            executor
                                    .run(
                                            uses,
                                            LOCAL_TOOLS,
                                            new ToolContext(
                                                    Caller.authenticated(
                                                            "priming",
                                                            Caller.Via.AUTHORIZER,
                                                            false),
                                                    Instant.now().plusSeconds(30)),
                                            Duration.ofSeconds(5))
                                    .stream()
                                    .filter(outcome -> "success".equals(outcome.call().status()))
                                    .count();
        }
        return ok;
    }

    private static <T> T guarded(String part, T fallback, java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException | LinkageError e) {
            LOG.warnf(e, "priming: %s failed; the first request pays for it", part);
            return fallback;
        }
    }
}
