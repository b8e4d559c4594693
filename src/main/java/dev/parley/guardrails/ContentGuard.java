package dev.parley.guardrails;

import dev.parley.bedrock.GuardrailGateway;
import dev.parley.metrics.Metrics;
import dev.parley.modelcall.GuardrailAssessment;
import dev.parley.modelcall.GuardrailCheck;
import dev.parley.modelcall.GuardrailConfig;
import dev.parley.modelcall.GuardrailUsage;
import dev.parley.modelcall.Usage;
import dev.parley.pipeline.CallContext;
import dev.parley.usage.GuardrailCharges;
import dev.parley.usage.UsageEvent;
import dev.parley.usage.UsageRecorder;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks text a model is about to read but Converse's guardrail does not assess (tool results,
 * uploaded documents) with ApplyGuardrail, as input. Does nothing when guardrails are off, the
 * route is not covered, or the check is switched off for that kind of content.
 */
@ApplicationScoped
public class ContentGuard {

    /**
     * What a check decided: blocked, or passed with {@code masked} text (PII anonymized) to use
     * instead of the original; {@code check} is empty when no check ran.
     */
    public record Verdict(
            boolean blocked, Optional<String> masked, Optional<GuardrailCheck> check) {
        static final Verdict UNCHECKED = new Verdict(false, Optional.empty(), Optional.empty());
    }

    /** Which content is checked; each kind has its own switch. */
    public enum Kind {
        TOOL_OUTPUT,
        DOCUMENT
    }

    private final GuardrailGateway gateway;
    private final GuardrailSettings settings;
    private final Optional<GuardrailConfig> config;
    private final UsageRecorder usage;
    private final Metrics metrics;
    private final Clock clock;

    ContentGuard(
            GuardrailGateway gateway,
            GuardrailSettings settings,
            UsageRecorder usage,
            Metrics metrics,
            Clock clock) {
        this.gateway = gateway;
        this.settings = settings;
        this.config = GuardrailStage.configured(settings);
        this.usage = usage;
        this.metrics = metrics;
        this.clock = clock;
    }

    public Verdict check(CallContext context, Kind kind, String text) {
        boolean wanted =
                kind == Kind.TOOL_OUTPUT ? settings.checkToolOutput() : settings.checkDocuments();
        if (config.isEmpty()
                || !wanted
                || !GuardrailStage.guarded(settings, context.route())
                || text.isBlank()) {
            return Verdict.UNCHECKED;
        }
        GuardrailCheck check =
                gateway.apply(config.get(), GuardrailGateway.Source.INPUT, blocks(text));
        account(context, check);
        // Masked PII is an intervention too, but the masked text is usable: only a BLOCKED finding
        // stops it.
        boolean blocked =
                check.intervened() && check.assessments().stream().anyMatch(ContentGuard::blocks);
        Optional<String> masked =
                check.intervened() && !blocked && !check.outputs().isEmpty()
                        ? Optional.of(String.join("", check.outputs()))
                        : Optional.empty();
        return new Verdict(blocked, masked, Optional.of(check));
    }

    /**
     * A check is charged to the caller like a model call, under {@code guardrail:{id}} and, for
     * the units Bedrock prices apart, the rows of {@link GuardrailCharges}, each with its units as
     * its input count: the price table prices them per million like tokens.
     */
    private void account(CallContext context, GuardrailCheck check) {
        GuardrailUsage u = check.usage();
        for (GuardrailCharges.Charge charge :
                GuardrailCharges.of(config.orElseThrow().identifier(), u)) {
            usage.record(
                    new UsageEvent(
                            context.caller(),
                            context.keyId(),
                            context.route(),
                            charge.model(),
                            new Usage(charge.units(), 0, charge.units()),
                            clock.instant()));
        }
        metrics.guardrailCheck(context.route(), u.billedTextUnits(), check.intervened());
    }

    private static boolean blocks(GuardrailAssessment assessment) {
        return assessment.topics().stream().anyMatch(t -> "BLOCKED".equals(t.action()))
                || assessment.contentFilters().stream().anyMatch(f -> "BLOCKED".equals(f.action()))
                || assessment.words().stream().anyMatch(w -> "BLOCKED".equals(w.action()))
                || assessment.sensitiveInformation().stream()
                        .anyMatch(s -> "BLOCKED".equals(s.action()))
                || assessment.contextualGrounding().stream()
                        .anyMatch(g -> "BLOCKED".equals(g.action()));
    }

    private List<String> blocks(String text) {
        List<String> blocks = new ArrayList<>();
        int size = Math.max(1, settings.maxBlockChars());
        for (int start = 0; start < text.length(); start += size) {
            blocks.add(text.substring(start, Math.min(text.length(), start + size)));
        }
        return blocks;
    }
}
