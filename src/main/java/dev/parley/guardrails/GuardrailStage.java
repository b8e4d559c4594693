package dev.parley.guardrails;

import dev.parley.error.ParleyException;
import dev.parley.modelcall.GuardrailConfig;
import dev.parley.modelcall.ModelCall;
import dev.parley.modelcall.ModelSpec;
import dev.parley.pipeline.CallContext;
import dev.parley.pipeline.ModelCallStage;
import dev.parley.pipeline.RouteNames;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * Puts the configured guardrail on every Converse and ConverseStream call of the configured
 * routes (Bedrock then assesses the input before the model runs and the output before it is
 * returned). Runs after the capability checks and budgets, before caching, so a cached answer
 * was produced under the same guardrail.
 */
@ApplicationScoped
public class GuardrailStage implements ModelCallStage {
    static final int ORDER = 300;

    private final GuardrailSettings settings;
    private final Optional<GuardrailConfig> config;

    GuardrailStage(GuardrailSettings settings) {
        this.settings = settings;
        this.config = configured(settings);
    }

    /** The guardrail as configured, or empty when guardrails are off; refuses an incomplete configuration. */
    static Optional<GuardrailConfig> configured(GuardrailSettings settings) {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        String identifier =
                settings.identifier()
                        .filter(id -> !id.isBlank())
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                "parley.guardrails.enabled is true but parley.guardrails.identifier is not set; set it to the"
                                                        + " guardrail's id or ARN (PARLEY_GUARDRAILS_IDENTIFIER)"));
        return Optional.of(
                new GuardrailConfig(
                        identifier,
                        settings.version(),
                        settings.trace(),
                        settings.streamProcessingMode() == GuardrailSettings.StreamMode.async));
    }

    @Override
    public int order() {
        return ORDER;
    }

    @Override
    public ModelCall prepare(CallContext context, ModelCall call) {
        if (config.isEmpty() || !guarded(settings, context.route())) {
            return call;
        }
        // Secure by default: a model Bedrock cannot guard is refused, not called unguarded.
        requireGuardable(call.model(), context.route());
        return call.withGuardrail(config.get());
    }

    /**
     * The guardrail for an Invoke Model passthrough call on {@code route}, under the same rules as a
     * Converse call: none when guardrails are off or the route is not covered, and a model Bedrock
     * cannot guard refused rather than called unguarded.
     */
    public Optional<GuardrailConfig> forInvoke(String route, ModelSpec model) {
        if (config.isEmpty() || !guarded(settings, route)) {
            return Optional.empty();
        }
        requireGuardable(model, route);
        return config;
    }

    private static void requireGuardable(ModelSpec model, String route) {
        if (!model.capabilities().guardrails()) {
            throw ParleyException.validation(
                    "model "
                            + model.alias()
                            + " ("
                            + model.modelId()
                            + ") does not support guardrails, and this deployment guards every "
                            + route
                            + " call; pick another model (see GET /v1/models, capabilities.guardrails)");
        }
    }

    /**
     * Whether the route's calls are guarded: every route is, unless parley.guardrails.exempt-routes
     * names it ({@code openai} naming {@code openai.responses}, ...).
     */
    static boolean guarded(GuardrailSettings settings, String route) {
        return guarded(settings.exemptRoutes().orElse(List.of()), route);
    }

    static boolean guarded(List<String> exemptRoutes, String route) {
        return !RouteNames.names(exemptRoutes, route);
    }
}
