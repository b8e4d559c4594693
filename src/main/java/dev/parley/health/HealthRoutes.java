package dev.parley.health;

import dev.parley.http.HttpResponse;
import dev.parley.http.Route;
import dev.parley.http.RouteSet;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** {@code GET /v1/health}: answers without touching Bedrock or asking for an identity, so it is cheap enough for probes. */
@ApplicationScoped
public class HealthRoutes implements RouteSet {

    @RegisterForReflection
    public record Health(String status, String version) {}

    private final String version;

    HealthRoutes(
            @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev")
                    String version) {
        this.version = version;
    }

    @Override
    public List<Route> routes() {
        // Open: the template leaves GET /v1/health without an authorizer, so load balancers and
        // uptime probes need no token even when every other route requires one.
        return List.of(
                Route.get("/v1/health", request -> HttpResponse.ok(new Health("ok", version)))
                        .allowAnonymous());
    }
}
