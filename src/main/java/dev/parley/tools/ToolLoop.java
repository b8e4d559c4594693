package dev.parley.tools;

import dev.parley.guardrails.ContentGuard;
import dev.parley.modelcall.ChatMessage;
import dev.parley.modelcall.ContentBlock;
import dev.parley.modelcall.InferenceSettings;
import dev.parley.modelcall.ModelCall;
import dev.parley.modelcall.ModelReply;
import dev.parley.modelcall.ModelSpec;
import dev.parley.modelcall.ServiceTier;
import dev.parley.modelcall.ToolOptions;
import dev.parley.modelcall.Usage;
import dev.parley.pipeline.CallContext;
import dev.parley.pipeline.ModelPipeline;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The function-calling loop: call the model with the tools; while it answers {@code tool_use}, run
 * the tools and send every result back. It stops when the model answers, after
 * {@code parley.tools.max-iterations} model calls, or before the Lambda runs out of time.
 *
 * <p>A stopped loop never leaves a tool use without its result: unfinished uses get error results
 * and a short assistant note closes the exchange, so the stored history stays valid for Bedrock.
 */
@ApplicationScoped
public class ToolLoop {
    private final ModelPipeline pipeline;
    private final ToolExecutor executor;
    private final ToolSettings settings;
    private final ContentGuard guard;

    ToolLoop(
            ModelPipeline pipeline,
            ToolExecutor executor,
            ToolSettings settings,
            ContentGuard guard) {
        this.pipeline = pipeline;
        this.executor = executor;
        this.settings = settings;
        this.guard = guard;
    }

    /**
     * What to run: the conversation so far (ending with the new user message) and the tools offered;
     * {@code route} names the route for the model call pipeline (chat or tools).
     */
    public record Request(
            ModelSpec model,
            Optional<String> system,
            List<ChatMessage> messages,
            InferenceSettings inference,
            ToolOptions tools,
            ToolContext context,
            String route,
            Optional<Integer> reasoningBudget,
            Optional<ServiceTier> serviceTier,
            Optional<String> conversationId) {

        public Request(
                ModelSpec model,
                Optional<String> system,
                List<ChatMessage> messages,
                InferenceSettings inference,
                ToolOptions tools,
                ToolContext context,
                String route,
                Optional<Integer> reasoningBudget) {
            this(
                    model,
                    system,
                    messages,
                    inference,
                    tools,
                    context,
                    route,
                    reasoningBudget,
                    Optional.empty(),
                    Optional.empty());
        }

        /** The pipeline's context of the loop's model calls: the route, the tier, the conversation. */
        CallContext callContext() {
            CallContext call =
                    CallContext.of(context.identity(), route).withServiceTier(serviceTier);
            return conversationId.map(call::forConversation).orElse(call);
        }

        public Request(
                ModelSpec model,
                Optional<String> system,
                List<ChatMessage> messages,
                InferenceSettings inference,
                ToolOptions tools,
                ToolContext context,
                String route) {
            this(model, system, messages, inference, tools, context, route, Optional.empty());
        }
    }

    public ToolRun run(Request request) {
        List<ChatMessage> conversation = new ArrayList<>(request.messages());
        List<ChatMessage> added = new ArrayList<>();
        List<ToolCall> calls = new ArrayList<>();
        Set<String> offered = new HashSet<>();
        request.tools().tools().forEach(tool -> offered.add(tool.name()));
        UsageTotal usage = new UsageTotal();
        ToolOptions tools = request.tools();

        for (int iteration = 1; iteration <= settings.maxIterations(); iteration++) {
            if (timeLeft(request.context().deadline()).isNegative()) {
                return stopped(
                        added,
                        calls,
                        iteration - 1,
                        "deadline",
                        usage,
                        "I ran out of time before I could answer.");
            }
            // The conversation carries every message of this loop as the model sent it, reasoning
            // and
            // signatures included: a thinking model requires its last turn's reasoning back with
            // the results.
            ModelReply reply =
                    pipeline.converse(
                            request.callContext(),
                            new ModelCall(
                                            request.model(),
                                            request.system(),
                                            conversation,
                                            request.inference(),
                                            Optional.of(tools))
                                    .withReasoningBudget(request.reasoningBudget()));
            usage.add(reply);
            conversation.add(reply.message());
            added.add(reply.message());
            List<ContentBlock.ToolUse> uses = toolUses(reply.message());
            if (!"tool_use".equals(reply.stopReason()) || uses.isEmpty()) {
                return new ToolRun(
                        reply.text(),
                        added,
                        calls,
                        iteration,
                        reply.stopReason(),
                        usage.usage(),
                        usage.latencyMs,
                        reply.guardrail(),
                        reply.serviceTierName());
            }
            // A forced choice (any / a named tool) applies to the first call only; afterwards the
            // model must be free to answer, or it could never stop calling tools.
            tools = tools.withChoice(ToolOptions.Choice.AUTO);

            Duration left = timeLeft(request.context().deadline());
            boolean outOfTime = left.isNegative() || left.isZero();
            List<ToolExecutor.Outcome> outcomes =
                    outOfTime
                            ? executor.notRun(uses, "not run: the request ran out of time")
                            : executor.run(uses, offered, request.context(), left).stream()
                                    .map(outcome -> screened(request, outcome))
                                    .toList();
            outcomes.forEach(outcome -> calls.add(outcome.call()));
            ChatMessage results =
                    new ChatMessage(
                            ChatMessage.Role.USER,
                            outcomes.stream().map(o -> (ContentBlock) o.result()).toList());
            conversation.add(results);
            added.add(results);
            if (outOfTime) {
                return stopped(
                        added,
                        calls,
                        iteration,
                        "deadline",
                        usage,
                        "I ran out of time before I could answer.");
            }
        }
        return stopped(
                added,
                calls,
                settings.maxIterations(),
                "max_iterations",
                usage,
                "I stopped after "
                        + settings.maxIterations()
                        + " rounds of tool use without reaching an answer.");
    }

    /**
     * Tool output is untrusted input (a web page or a document can carry a prompt injection), and
     * Converse's guardrail does not assess tool results: with guardrails on, each successful output
     * is checked with ApplyGuardrail first. A blocked one reaches the model as an error result only.
     */
    private ToolExecutor.Outcome screened(Request request, ToolExecutor.Outcome outcome) {
        if (outcome.result().status() != ContentBlock.ToolResult.Status.SUCCESS) {
            return outcome;
        }
        ContentGuard.Verdict verdict =
                guard.check(
                        CallContext.of(request.context().identity(), request.route()),
                        ContentGuard.Kind.TOOL_OUTPUT,
                        ToolExecutor.text(outcome.result()));
        if (verdict.blocked()) {
            return executor.blockedByGuardrail(outcome);
        }
        return verdict.masked().map(text -> executor.masked(outcome, text)).orElse(outcome);
    }

    /** Closes the exchange with an assistant note so every tool result is followed by a reply. */
    private ToolRun stopped(
            List<ChatMessage> added,
            List<ToolCall> calls,
            int iterations,
            String stopReason,
            UsageTotal usage,
            String note) {
        List<ChatMessage> messages = new ArrayList<>(added);
        messages.add(ChatMessage.assistant(note));
        return new ToolRun(
                note,
                messages,
                calls,
                iterations,
                stopReason,
                usage.usage(),
                usage.latencyMs,
                Optional.empty(),
                usage.serviceTier);
    }

    /** Time left before the safety margin, negative when the loop must stop. */
    private Duration timeLeft(Instant deadline) {
        return Duration.between(Instant.now(), deadline).minus(settings.deadlineMargin());
    }

    static List<ContentBlock.ToolUse> toolUses(ChatMessage message) {
        List<ContentBlock.ToolUse> uses = new ArrayList<>();
        for (ContentBlock block : message.content()) {
            if (block instanceof ContentBlock.ToolUse use) {
                uses.add(use);
            }
        }
        return uses;
    }

    private static final class UsageTotal {
        private Usage usage = Usage.NONE;
        private long latencyMs;
        private String serviceTier = ServiceTier.DEFAULT.wireName();

        void add(ModelReply reply) {
            usage = usage.plus(reply.usage());
            latencyMs += reply.latencyMs();
            serviceTier = reply.serviceTierName();
        }

        Usage usage() {
            return usage;
        }
    }
}
