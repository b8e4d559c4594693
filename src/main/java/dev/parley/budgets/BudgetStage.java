package dev.parley.budgets;

import dev.parley.modelcall.ModelCall;
import dev.parley.pipeline.CallContext;
import dev.parley.pipeline.ModelCallStage;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Refuses a model call of a caller whose budget is spent, before anything is spent on it. It
 * runs for each call, so a tool loop or a stream is stopped at its next model call.
 */
@ApplicationScoped
public class BudgetStage implements ModelCallStage {
    static final int ORDER = 200;

    private final Budgets budgets;

    BudgetStage(Budgets budgets) {
        this.budgets = budgets;
    }

    @Override
    public int order() {
        return ORDER;
    }

    @Override
    public ModelCall prepare(CallContext context, ModelCall call) {
        budgets.requireWithin(context.caller(), context.route());
        return call;
    }
}
