package dev.parley.bedrock;

import dev.parley.modelcall.ModelLifecycle;

/**
 * The catalog's port to the lifecycle feature: resolution asks it about every model a request
 * names, so every route refuses a retired model. It is an interface here, implemented above
 * (lifecycle/LifecycleGate), so the Bedrock adapter never imports a feature package.
 */
public interface LifecycleCheck {

    /** {@code alias}'s lifecycle state today; throws the contract's error for a retired model. */
    ModelLifecycle.State check(String alias, String modelId, ModelLifecycle lifecycle);

    /** The current state, for listings (no metric, no headers). */
    ModelLifecycle.State state(ModelLifecycle lifecycle);
}
