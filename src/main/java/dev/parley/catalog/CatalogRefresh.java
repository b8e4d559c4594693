package dev.parley.catalog;

import dev.parley.afterresponse.AfterResponse;
import dev.parley.bedrock.ModelAccountGateway;
import dev.parley.bedrock.ModelCatalog;
import dev.parley.lifecycle.AccountLifecycles;
import dev.parley.lifecycle.AccountReportStore;
import dev.parley.lifecycle.StaleAccountReport;
import dev.parley.metrics.Metrics;
import dev.parley.modelcall.AccountReport;
import dev.parley.modelcall.AccountReports;
import dev.parley.modelcall.ModelLifecycle;
import dev.parley.modelcall.ModelSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Asks the account about every catalog model (daily, from template.yaml's schedule, and after the
 * response of the first request that finds the report stale), stores the answer for every instance,
 * applies it on this one at once, and counts the models an operator must look at: those the account
 * reports legacy or not callable, among the ones Parley still serves (a retired alias kept for its
 * 410 is expected to be gone).
 */
@ApplicationScoped
public class CatalogRefresh {
    private static final Logger LOG = Logger.getLogger(CatalogRefresh.class);

    /** The outcome of one refresh: the models that need attention, by alias, or why it failed. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record Outcome(
            boolean refreshed, int models, List<String> needingAttention, String problem) {}

    private final ModelCatalog catalog;
    private final ModelAccountGateway account;
    private final AccountReportStore store;
    private final AccountLifecycles lifecycles;
    private final Metrics metrics;
    private final Clock clock;
    private final AfterResponse afterResponse;
    private final CatalogRefreshSettings settings;

    CatalogRefresh(
            ModelCatalog catalog,
            ModelAccountGateway account,
            AccountReportStore store,
            AccountLifecycles lifecycles,
            Metrics metrics,
            Clock clock,
            AfterResponse afterResponse,
            CatalogRefreshSettings settings) {
        this.catalog = catalog;
        this.account = account;
        this.store = store;
        this.lifecycles = lifecycles;
        this.metrics = metrics;
        this.clock = clock;
        this.afterResponse = afterResponse;
        this.settings = settings;
    }

    /** Refreshes now; never throws (a failure is logged, counted and returned). */
    public Outcome refresh() {
        AccountReports reports;
        try {
            reports =
                    account.survey(
                            catalog.all().stream().map(ModelSpec::modelId).distinct().toList(),
                            clock.instant());
            // An end of life the account announced stays once the Region stops listing the model.
            reports = reports.keepingEndsOfLife(store.load().orElse(AccountReports.NONE));
            store.save(reports);
        } catch (SdkException e) {
            LOG.errorf(
                    "catalog refresh failed: %s (the function needs bedrock:ListFoundationModels,"
                            + " bedrock:ListInferenceProfiles and bedrock:GetFoundationModelAvailability, and the table)",
                    e.getMessage());
            metrics.catalogRefreshFailure();
            return new Outcome(false, 0, List.of(), e.getMessage());
        }
        lifecycles.update(reports);
        List<String> attention = new ArrayList<>();
        for (ModelSpec spec : catalog.all()) {
            AccountReport report = reports.of(spec.modelId()).orElse(null);
            if (report != null
                    && report.needsAttention()
                    && catalog.state(spec) != ModelLifecycle.State.RETIRED) {
                attention.add(spec.alias());
                LOG.warnf(
                        "catalog model '%s' (%s) needs attention: the account reports it %s%s",
                        spec.alias(),
                        spec.modelId(),
                        report.status() == null ? "unlisted" : report.status(),
                        report.callable()
                                ? ""
                                : ", not callable: " + String.join("; ", report.problems()));
            }
        }
        metrics.catalogRefresh(attention);
        return new Outcome(true, reports.byModelId().size(), attention, null);
    }

    /** A stale or missing report noticed on the request path: refreshed once the response is on its way. */
    void onStale(@Observes StaleAccountReport stale) {
        if (settings.whenStale()) {
            afterResponse.later(this::refresh);
        }
    }
}
