package dev.parley.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * The local run's stand-in for the deploy hook's refresh: at start-up, the event the daily schedule
 * sends ({@code events/catalog-refresh.json}) is posted to the function's Runtime API, so the local
 * run asks the emulator's control plane about the catalog as a fresh deployment asks the account.
 * The same POST refreshes by hand (docs/local-run.md). The answer is the refresh's outcome.
 */
public final class StartUpCatalogRefresh {
    private static final Logger LOG = Logger.getLogger(StartUpCatalogRefresh.class);

    /** What template.yaml's CatalogRefreshSchedule sends (CatalogTemplateTest pins the two together). */
    static final String EVENT = "{\"parleyTask\": \"catalog-refresh\"}";

    private StartUpCatalogRefresh() {}

    /** Posts the refresh event to {@code runtimeEvents}; the future holds the function's answer. */
    public static CompletableFuture<HttpResponse<String>> post(URI runtimeEvents) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return http.sendAsync(
                HttpRequest.newBuilder(runtimeEvents)
                        .timeout(Duration.ofMinutes(2))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(EVENT))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** At start-up: posted without waiting, its outcome logged. */
    static void atStartUp(URI runtimeEvents) {
        post(runtimeEvents)
                .whenComplete(
                        (answer, failure) -> {
                            if (failure != null) {
                                LOG.warnf(
                                        "the start-up catalog refresh did not run: %s",
                                        failure.toString());
                            } else {
                                LOG.infof("catalog refreshed at start-up: %s", answer.body());
                            }
                        });
    }
}
