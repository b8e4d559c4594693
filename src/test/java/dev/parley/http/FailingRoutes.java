package dev.parley.http;

import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Test-only routes whose handler fails the way a bug would: an unexpected RuntimeException that is
 * no ParleyException. Built only under {@link UnexpectedFailureTest}'s profile, so no other test
 * (nor the Lambda artifact: this is test code) ever sees them. One route per error shape: Parley's
 * own, OpenAI's and Anthropic's.
 */
@ApplicationScoped
@IfBuildProperty(name = FailingRoutes.ENABLED, stringValue = "true")
public class FailingRoutes implements RouteSet {
    static final String ENABLED = "parley.test.failing-routes";

    /** In the exception's message only: the answer must never carry it. */
    static final String SECRET =
            "table parley-secret-7c1e at arn:aws:dynamodb:eu-west-1:123456789012";

    static final List<String> PATHS =
            List.of("/v1/failing-route", "/openai/v1/failing-route", "/anthropic/v1/failing-route");

    @Override
    public List<Route> routes() {
        return PATHS.stream()
                .map(
                        path ->
                                Route.get(
                                                path,
                                                request -> {
                                                    throw new IllegalStateException(
                                                            "a bug reached " + SECRET);
                                                })
                                        .allowAnonymous())
                .toList();
    }
}
