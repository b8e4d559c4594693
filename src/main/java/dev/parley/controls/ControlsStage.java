package dev.parley.controls;

import dev.parley.keys.KeyStage;
import dev.parley.modelcall.CallControls;
import dev.parley.modelcall.ModelCall;
import dev.parley.modelcall.ServiceTier;
import dev.parley.pipeline.CallContext;
import dev.parley.pipeline.ModelCallStage;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Puts Bedrock's per-call controls on every model call (order 160, after the key is admitted):
 * the service tier the request asked for, else its key's default, else the deployment's
 * ({@code parley.controls.default-service-tier}); and the invocation-log tags of
 * {@link InvocationTags}. Whether the model takes the tier is Bedrock's to say: its refusal comes
 * back as a 400 naming the model.
 */
@ApplicationScoped
public class ControlsStage implements ModelCallStage {
    static final int ORDER = 160;

    private final KeyStage keys;
    private final Optional<ServiceTier> deploymentDefault;

    ControlsStage(KeyStage keys, ControlsSettings settings) {
        this.keys = keys;
        this.deploymentDefault =
                settings.defaultServiceTier()
                        .map(
                                name ->
                                        ServiceTier.parse(name)
                                                .orElseThrow(
                                                        () ->
                                                                new IllegalArgumentException(
                                                                        "parley.controls.default-service-tier must be one of "
                                                                                + ServiceTier
                                                                                        .names()
                                                                                + ", got '"
                                                                                + name
                                                                                + "'")));
    }

    @Override
    public int order() {
        return ORDER;
    }

    @Override
    public ModelCall prepare(CallContext context, ModelCall call) {
        return call.withControls(
                call.controls()
                        .withServiceTier(tier(context, call))
                        .withRequestMetadata(InvocationTags.of(context)));
    }

    /**
     * The controls of an InvokeModel call, which does not go through the pipeline: the tags always,
     * the tier only where the call may take one ({@code tiered}: the passthrough; embedding models
     * are served on the standard tier only).
     */
    public CallControls invocationControls(CallContext context, boolean tiered) {
        Optional<ServiceTier> tier =
                tiered
                        ? context.serviceTier()
                                .or(() -> keys.defaultTier(context))
                                .or(() -> deploymentDefault)
                        : Optional.empty();
        return new CallControls(tier, InvocationTags.of(context));
    }

    /** The tier a call runs on: the request's, its key's default, the deployment's; empty for Bedrock's standard. */
    public Optional<ServiceTier> tier(CallContext context, ModelCall call) {
        return call.controls()
                .serviceTier()
                .or(context::serviceTier)
                .or(() -> keys.defaultTier(context))
                .or(() -> deploymentDefault);
    }
}
