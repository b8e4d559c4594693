package dev.parley.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.metrics.Metrics;
import dev.parley.modelcall.ContentBlock;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Runs the tools one model turn asked for, concurrently, each under its own timeout. Whatever
 * happens (unknown tool, invalid input, an exception, a timeout) becomes an error tool result for
 * the model, never an exception for the caller.
 */
@ApplicationScoped
public class ToolExecutor {
    private static final Logger LOG = Logger.getLogger(ToolExecutor.class);

    private final ToolRegistry registry;
    private final InputValidator validator;
    private final ToolSettings settings;
    private final ObjectMapper mapper;
    private final ExecutorService pool;

    private final Metrics metrics;

    ToolExecutor(
            ToolRegistry registry,
            InputValidator validator,
            ToolSettings settings,
            ObjectMapper mapper,
            Metrics metrics) {
        this.metrics = metrics;
        this.registry = registry;
        this.validator = validator;
        this.settings = settings;
        this.mapper = mapper;
        AtomicInteger count = new AtomicInteger();
        this.pool =
                Executors.newCachedThreadPool(
                        task -> {
                            Thread thread =
                                    new Thread(task, "parley-tool-" + count.incrementAndGet());
                            thread.setDaemon(true);
                            return thread;
                        });
    }

    /** The outcome of one requested tool: what to report, and the block to send back to the model. */
    public record Outcome(ToolCall call, ContentBlock.ToolResult result) {}

    /**
     * @param offered names of the tools offered in this request; anything else is refused
     * @param timeLeft how long the tools may take at most (the Lambda deadline minus the margin)
     */
    public List<Outcome> run(
            List<ContentBlock.ToolUse> uses,
            Set<String> offered,
            ToolContext context,
            Duration timeLeft) {
        Duration limit = timeLeft.compareTo(settings.timeout()) < 0 ? timeLeft : settings.timeout();
        List<CompletableFuture<Outcome>> running = new ArrayList<>();
        for (ContentBlock.ToolUse use : uses) {
            running.add(
                    CompletableFuture.supplyAsync(
                            () -> runOne(use, offered, context, limit), pool));
        }
        List<Outcome> outcomes = running.stream().map(CompletableFuture::join).toList();
        for (Outcome outcome : outcomes) {
            ToolCall call = outcome.call();
            // Only registered names become a dimension: a model inventing tool names cannot add
            // metrics.
            String tool = registry.find(call.name()).map(Tool::name).orElse("unknown");
            metrics.toolCall(tool, call.status(), call.durationMs());
        }
        return outcomes;
    }

    /** Results for tool uses that will not run because the loop is stopping. */
    public List<Outcome> notRun(List<ContentBlock.ToolUse> uses, String why) {
        long now = System.nanoTime();
        return uses.stream().map(use -> failure(use, why, now)).toList();
    }

    private Outcome runOne(
            ContentBlock.ToolUse use, Set<String> offered, ToolContext context, Duration limit) {
        long started = System.nanoTime();
        var tool = registry.find(use.name()).filter(t -> offered.contains(t.name()));
        if (tool.isEmpty()) {
            return failure(
                    use,
                    "there is no tool named '"
                            + use.name()
                            + "'; available: "
                            + String.join(", ", offered),
                    started);
        }
        List<String> problems = validator.problems(tool.get(), use.input());
        if (!problems.isEmpty()) {
            return failure(
                    use,
                    "invalid input for " + use.name() + ": " + String.join("; ", problems),
                    started);
        }
        CompletableFuture<JsonNode> execution =
                CompletableFuture.supplyAsync(() -> tool.get().execute(use.input(), context), pool);
        try {
            JsonNode output = execution.get(Math.max(1, limit.toMillis()), TimeUnit.MILLISECONDS);
            return success(use, output, started);
        } catch (TimeoutException e) {
            execution.cancel(true);
            return failure(
                    use,
                    use.name() + " did not finish within " + limit.toMillis() + " ms",
                    started);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ToolException toolError) {
                return failure(use, toolError.getMessage(), started);
            }
            LOG.warnf(cause, "tool %s failed", use.name());
            return failure(use, use.name() + " failed unexpectedly", started);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failure(use, use.name() + " was interrupted", started);
        }
    }

    /**
     * The outcome the model gets instead of an output the guardrail blocked: an error result, never
     * the raw text. The caller's report says the same.
     */
    public Outcome blockedByGuardrail(Outcome outcome) {
        ToolCall call = outcome.call();
        String message = "the output of " + call.name() + " was blocked by guardrail";
        ObjectNode error = mapper.createObjectNode().put("error", message);
        JsonNode content =
                mapper.createArrayNode().add(mapper.createObjectNode().put("text", message));
        return new Outcome(
                new ToolCall(
                        call.toolUseId(),
                        call.name(),
                        call.input(),
                        error,
                        "error",
                        call.durationMs()),
                new ContentBlock.ToolResult(
                        call.toolUseId(), ContentBlock.ToolResult.Status.ERROR, content));
    }

    /** The outcome with its output replaced by the guardrail's masked text (PII anonymized). */
    public Outcome masked(Outcome outcome, String maskedText) {
        JsonNode content =
                mapper.createArrayNode().add(mapper.createObjectNode().put("text", maskedText));
        return new Outcome(
                outcome.call(),
                new ContentBlock.ToolResult(
                        outcome.call().toolUseId(), outcome.result().status(), content));
    }

    /** The text of a tool result as the model would read it (JSON output serialized). */
    public static String text(ContentBlock.ToolResult result) {
        StringBuilder text = new StringBuilder();
        for (JsonNode item : result.content()) {
            text.append(
                    item.has("json") ? item.get("json").toString() : item.path("text").asText());
        }
        return text.toString();
    }

    private Outcome success(ContentBlock.ToolUse use, JsonNode output, long started) {
        JsonNode json =
                output != null && output.isObject()
                        ? output
                        : mapper.createObjectNode().set("result", output);
        String serialized = json.toString();
        JsonNode content;
        if (serialized.length() > settings.maxOutputChars()) {
            // Cut output stays valid content for the model: text, marked as truncated.
            String cut = serialized.substring(0, settings.maxOutputChars()) + " …[truncated]";
            content = mapper.createArrayNode().add(mapper.createObjectNode().put("text", cut));
        } else {
            content = mapper.createArrayNode().add(mapper.createObjectNode().set("json", json));
        }
        return new Outcome(
                new ToolCall(
                        use.toolUseId(),
                        use.name(),
                        use.input(),
                        json,
                        "success",
                        elapsed(started)),
                new ContentBlock.ToolResult(
                        use.toolUseId(), ContentBlock.ToolResult.Status.SUCCESS, content));
    }

    private Outcome failure(ContentBlock.ToolUse use, String message, long started) {
        ObjectNode error = mapper.createObjectNode().put("error", message);
        JsonNode content =
                mapper.createArrayNode().add(mapper.createObjectNode().put("text", message));
        return new Outcome(
                new ToolCall(
                        use.toolUseId(), use.name(), use.input(), error, "error", elapsed(started)),
                new ContentBlock.ToolResult(
                        use.toolUseId(), ContentBlock.ToolResult.Status.ERROR, content));
    }

    private static long elapsed(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    @PreDestroy
    void shutdown() {
        pool.shutdownNow();
    }
}
