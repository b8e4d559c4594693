package dev.parley.bedrock;

import dev.parley.modelcall.ModelLifecycle;

/**
 * The catalog's port to the lifecycle feature: resolution asks it about every model a request
 * names, so every route refuses a retired model. It is an interface here, implemented above
 * (lifecycle/LifecycleGate), so the Bedrock adapter never imports a feature package.
 */
public interface LifecycleCheck {

    /**
     * {@code alias}'s lifecycle state today, from the matrix's dates and whatever else the feature
     * knows (the account's report); throws the contract's error for a retired model.
     */
    ModelLifecycle.State check(String alias, String modelId, ModelLifecycle matrix);

    /** The state of these dates today (no metric, no headers): start-up checks of the catalog. */
    ModelLifecycle.State state(ModelLifecycle lifecycle);

    /** The state a listing shows today, as {@link #check} judges it (no metric, no headers). */
    ModelLifecycle.State currentState(String modelId, ModelLifecycle matrix);
}
