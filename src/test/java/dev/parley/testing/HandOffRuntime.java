package dev.parley.testing;

import dev.parley.local.LambdaApiControl;
import dev.parley.local.StandIns;
import io.quarkus.amazon.lambda.runtime.AmazonLambdaApi;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Tells the Lambda stand-in where this test run's function takes events (Quarkus's mock event
 * server, on a free port known only once the application starts), so a handed-off chat turn is
 * delivered to the same function, as the stream function, the way the local run does it.
 */
@ApplicationScoped
@IfBuildProfile("test")
public class HandOffRuntime {

    void register(
            @Observes StartupEvent event,
            @ConfigProperty(name = StandIns.LAMBDA_API_CONFIG) Optional<URI> lambdaApi,
            @ConfigProperty(name = AmazonLambdaApi.QUARKUS_INTERNAL_AWS_LAMBDA_TEST_API)
                    Optional<String> runtimeApi) {
        if (lambdaApi.isPresent() && runtimeApi.isPresent()) {
            new LambdaApiControl(lambdaApi.get())
                    .runtime(URI.create(AmazonLambdaApi.API_PROTOCOL + runtimeApi.get()));
        }
    }
}
