package dev.parley.capabilities;

import dev.parley.error.ParleyException;
import dev.parley.modelcall.InferenceSettings;
import dev.parley.modelcall.ModelCall;
import dev.parley.modelcall.ModelFeatures;
import dev.parley.modelcall.ModelSpec;
import dev.parley.modelcall.ReasoningAsk;
import dev.parley.modelcall.ToolOptions;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one set of reasoning rules, applied by {@link CapabilityStage} to every model call. Edges
 * only translate their syntax ({@code reasoning.budgetTokens}, OpenAI's {@code reasoning_effort}
 * and {@code reasoning.effort}, Anthropic's {@code thinking} and {@code output_config.effort}) into
 * a {@link ReasoningAsk}; they may ask {@link #refusal} first to answer in their own error shape
 * with their own parameter name, which is the same rule the stage applies.
 *
 * <p>The rules (Anthropic's extended-thinking rules as Bedrock passes them on, and Bedrock's
 * {@code outputConfig.effort}): a budget of at least 1,024 tokens below the model's output limit;
 * temperature unset or 1, top-p unset or at least 0.95, no forced tool; a model that always reasons
 * meets an effort its own way and refuses a budget it cannot honour; a model that cannot reason
 * refuses both. Claude 3.7 to 4.5
 * think with a budget (an effort becomes the budget of {@link #EFFORT_BUDGETS}, fitted below the
 * caller's maxTokens); Claude 4.6 and later think adaptively at an effort level (a budget becomes the
 * effort it stands for). {@code xhigh} is taken by the models that think adaptively only (Opus 4.7
 * and later, the Claude 5 generation); {@code max} by every adaptive model. A model that reasons at
 * an effort only when asked (Nova 2 Lite's {@code reasoningConfig}) takes {@code low},
 * {@code medium} and {@code high} (a budget becomes the effort it stands for) and none of Claude's
 * sampling rules; at {@code high} it takes no maxTokens, temperature or top-p (Nova 2's rule).
 */
public final class ReasoningPolicy {
    /** Anthropic's smallest thinking budget. */
    public static final int MIN_BUDGET = 1024;

    /**
     * Room for the answer when maxTokens has to grow to hold the budget, or is set for an effort.
     * The capability stage used 1,024 and the OpenAI edge 4,096: 4,096 won, because thinking
     * usually spends its whole budget and a 1,024-token answer after it is often cut short.
     */
    public static final int ANSWER_TOKENS = 4096;

    /** Effort levels as thinking budgets, for the models that think with a budget. */
    public static final Map<String, Integer> EFFORT_BUDGETS =
            Map.of(
                    "minimal", 1024, "low", 2048, "medium", 8192, "high", 16384, "xhigh", 32768,
                    "max", 65536);

    /** What a refusal is about, so an edge can name its own parameter. */
    public enum Subject {
        REASONING,
        TEMPERATURE,
        TOP_P,
        MAX_TOKENS,
        TOOL_CHOICE
    }

    /** A rule the ask breaks, with Parley's message. */
    public record Refusal(Subject subject, String message) {}

    /** What a dialect calls the parameters a refusal can be about. */
    public record ParamNames(
            String reasoning,
            String temperature,
            String topP,
            String maxTokens,
            String toolChoice) {

        public String of(Subject subject) {
            return switch (subject) {
                case REASONING -> reasoning;
                case TEMPERATURE -> temperature;
                case TOP_P -> topP;
                case MAX_TOKENS -> maxTokens;
                case TOOL_CHOICE -> toolChoice;
            };
        }
    }

    /**
     * The call, if the policy takes its reasoning ask; otherwise a 400 naming the dialect's
     * parameter ({@link ParleyException#param()}), so an edge answers in its own error shape before
     * the pipeline runs.
     */
    public static ModelCall requireAllowed(ModelCall call, ParamNames names) {
        refusal(call)
                .ifPresent(
                        refusal -> {
                            throw ParleyException.invalidParam(
                                    names.of(refusal.subject()), refusal.message());
                        });
        return call;
    }

    private ReasoningPolicy() {}

    /** Whether the model reasons when asked (with a budget or an effort). */
    public static boolean thinksOnRequest(ModelSpec model) {
        ModelFeatures.Reasoning mode = model.capabilities().reasoningMode();
        return mode.takesBudget() || mode.adaptive() || mode == ModelFeatures.Reasoning.EFFORT;
    }

    /** The effort levels of a model that reasons at an effort only when asked (Nova 2's maxReasoningEffort). */
    public static final List<String> OPT_IN_EFFORTS = List.of("low", "medium", "high");

    /** The effort levels the model takes, lowest first (empty when it does not think on request). */
    public static List<String> effortLevels(ModelSpec model) {
        ModelFeatures.Reasoning mode = model.capabilities().reasoningMode();
        if (mode.takesXhigh()) {
            return List.of("low", "medium", "high", "xhigh", "max");
        }
        if (mode == ModelFeatures.Reasoning.ADAPTIVE) {
            return List.of("low", "medium", "high", "max");
        }
        if (mode == ModelFeatures.Reasoning.EFFORT) {
            return OPT_IN_EFFORTS;
        }
        return mode.takesBudget() ? ReasoningAsk.Effort.LEVELS : List.of();
    }

    /** The first rule the call's reasoning ask breaks, if any (none without an ask). */
    public static Optional<Refusal> refusal(ModelCall call) {
        if (call.reasoning().isEmpty()) {
            return Optional.empty();
        }
        ModelSpec model = call.model();
        ModelFeatures.Reasoning mode = model.capabilities().reasoningMode();
        if (mode == ModelFeatures.Reasoning.ALWAYS) {
            // It reasons on every answer at its own length: an effort is met, a budget cannot be.
            return call.reasoning().get() instanceof ReasoningAsk.Budget
                    ? refuse(
                            Subject.REASONING,
                            "model "
                                    + name(model)
                                    + " always reasons and takes no reasoning"
                                    + " budget; leave the budget out")
                    : Optional.empty();
        }
        if (!thinksOnRequest(model)) {
            return refuse(
                    Subject.REASONING,
                    "model "
                            + name(model)
                            + " does not reason on request; leave reasoning"
                            + " out or pick a reasoning model (see GET /v1/models, capabilities.reasoning)");
        }
        InferenceSettings inference = call.inference();
        ReasoningAsk ask = call.reasoning().get();
        if (mode == ModelFeatures.Reasoning.EFFORT) {
            return optInRefusal(call, ask);
        }
        if (ask instanceof ReasoningAsk.Budget budget) {
            if (budget.tokens() < MIN_BUDGET || budget.tokens() >= model.maxOutputTokens()) {
                return refuse(
                        Subject.REASONING,
                        "the reasoning budget must be at least "
                                + MIN_BUDGET
                                + " and below the model's "
                                + model.maxOutputTokens()
                                + " output tokens for model "
                                + name(model)
                                + ", got "
                                + budget.tokens());
            }
        } else {
            ReasoningAsk.Effort effort = (ReasoningAsk.Effort) ask;
            List<String> levels = effortLevels(model);
            if (!levels.contains(adaptiveLevel(mode, effort))) {
                return refuse(
                        Subject.REASONING,
                        "model "
                                + name(model)
                                + " takes the reasoning efforts "
                                + String.join(", ", levels)
                                + "; got '"
                                + effort.level()
                                + "'");
            }
            if (!mode.adaptive()
                    && inference.maxTokens().filter(max -> max <= MIN_BUDGET).isPresent()) {
                return refuse(
                        Subject.MAX_TOKENS,
                        "reasoning needs more than "
                                + MIN_BUDGET
                                + " output tokens on"
                                + " model "
                                + name(model)
                                + "; raise the maximum output tokens or leave reasoning out");
            }
        }
        if (inference.temperature().filter(t -> t != 1.0).isPresent()) {
            return refuse(
                    Subject.TEMPERATURE,
                    "temperature cannot be changed while model "
                            + name(model)
                            + " reasons (extended thinking); leave it unset");
        }
        if (inference.topP().filter(p -> p < 0.95).isPresent()) {
            return refuse(
                    Subject.TOP_P,
                    "top-p must be unset or at least 0.95 while model "
                            + name(model)
                            + " reasons (extended thinking)");
        }
        if (call.tools()
                .map(ToolOptions::choice)
                .filter(c -> c.mode() != ToolOptions.Choice.AUTO.mode())
                .isPresent()) {
            return refuse(
                    Subject.TOOL_CHOICE,
                    "the tool choice must be auto while model "
                            + name(model)
                            + " reasons (extended thinking cannot be combined with a forced tool)");
        }
        return Optional.empty();
    }

    /**
     * The call as the model takes its reasoning: a budget for the models that think with one (with
     * maxTokens above it), an effort for the models that think adaptively, nothing for the models
     * that always reason. A call that breaks a rule is refused with a 400 naming it.
     */
    public static ModelCall apply(ModelCall call) {
        if (call.reasoning().isEmpty()) {
            return call;
        }
        refusal(call)
                .ifPresent(
                        refusal -> {
                            throw ParleyException.validation(refusal.message());
                        });
        ModelSpec model = call.model();
        ModelFeatures.Reasoning mode = model.capabilities().reasoningMode();
        if (mode == ModelFeatures.Reasoning.ALWAYS) {
            return call.withReasoning(
                    Optional.empty()); // it reasons on every answer, at its own length
        }
        ReasoningAsk ask = call.reasoning().get();
        if (mode.adaptive() || mode == ModelFeatures.Reasoning.EFFORT) {
            String level =
                    ask instanceof ReasoningAsk.Budget budget
                            ? effortFor(budget.tokens())
                            : adaptiveLevel(mode, (ReasoningAsk.Effort) ask);
            return call.withReasoning(Optional.of(new ReasoningAsk.Effort(level)));
        }
        InferenceSettings inference = call.inference();
        if (ask instanceof ReasoningAsk.Budget budget) {
            // Thinking tokens count toward maxTokens, which must stay above the budget.
            int maxTokens = inference.maxTokens().orElse(model.maxOutputTokens());
            return maxTokens > budget.tokens()
                    ? call
                    : call.withInference(
                            inference.withMaxTokens(
                                    Math.min(
                                            model.maxOutputTokens(),
                                            budget.tokens() + ANSWER_TOKENS)));
        }
        int budget = EFFORT_BUDGETS.get(((ReasoningAsk.Effort) ask).level());
        int maxTokens =
                inference
                        .maxTokens()
                        .orElse(Math.min(model.maxOutputTokens(), budget + ANSWER_TOKENS));
        // The caller's maxTokens is a cap: the effort's budget fits below it.
        return call.withInference(inference.withMaxTokens(maxTokens))
                .withReasoning(
                        Optional.of(
                                new ReasoningAsk.Budget(
                                        Math.max(MIN_BUDGET, Math.min(budget, maxTokens - 1)))));
    }

    /**
     * The rules of opt-in effort reasoning: an effort Nova takes (a budget stands for one), and at
     * {@code high} no maxTokens, temperature or top-p, which Nova 2 refuses with the highest effort
     * (the output length is then the model's own).
     */
    private static Optional<Refusal> optInRefusal(ModelCall call, ReasoningAsk ask) {
        ModelSpec model = call.model();
        String level =
                ask instanceof ReasoningAsk.Budget budget
                        ? effortFor(budget.tokens())
                        : adaptiveLevel(ModelFeatures.Reasoning.EFFORT, (ReasoningAsk.Effort) ask);
        if (!OPT_IN_EFFORTS.contains(level)) {
            return refuse(
                    Subject.REASONING,
                    "model "
                            + name(model)
                            + " takes the reasoning efforts "
                            + String.join(", ", OPT_IN_EFFORTS)
                            + "; got '"
                            + ((ReasoningAsk.Effort) ask).level()
                            + "'");
        }
        if (!level.equals("high")) {
            return Optional.empty();
        }
        InferenceSettings inference = call.inference();
        String highOnly = " must be unset while model " + name(model) + " reasons at high effort";
        if (inference.maxTokens().isPresent()) {
            return refuse(Subject.MAX_TOKENS, "the maximum output tokens" + highOnly);
        }
        if (inference.temperature().isPresent()) {
            return refuse(Subject.TEMPERATURE, "temperature" + highOnly);
        }
        if (inference.topP().isPresent()) {
            return refuse(Subject.TOP_P, "top-p" + highOnly);
        }
        return Optional.empty();
    }

    /** OpenAI's {@code minimal} is {@code low} for the models that take effort levels from low up; every other level is itself. */
    private static String adaptiveLevel(ModelFeatures.Reasoning mode, ReasoningAsk.Effort effort) {
        return (mode.adaptive() || mode == ModelFeatures.Reasoning.EFFORT)
                        && effort.level().equals("minimal")
                ? "low"
                : effort.level();
    }

    /**
     * The adaptive-thinking effort a budget stands for: up to 2,048 tokens low, up to 8,192 medium,
     * more high (so budgets asked on Parley's routes keep their meaning on Claude 4.6 and later).
     */
    public static String effortFor(int budgetTokens) {
        return budgetTokens <= 2048 ? "low" : budgetTokens <= 8192 ? "medium" : "high";
    }

    private static Optional<Refusal> refuse(Subject subject, String message) {
        return Optional.of(new Refusal(subject, message));
    }

    private static String name(ModelSpec model) {
        return model.alias() + " (" + model.modelId() + ")";
    }
}
