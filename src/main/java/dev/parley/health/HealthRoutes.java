package dev.parley.health;

import dev.parley.http.HttpResponse;
import dev.parley.http.Route;
import dev.parley.http.RouteSet;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** {@code GET /v1/health}: answers without touching Bedrock, so it is cheap enough for probes. */
@ApplicationScoped
public class HealthRoutes implements RouteSet {

    @RegisterForReflection
    public record Health(String status, String version) {
    }

    private final String version;

    HealthRoutes(@ConfigProperty(name = "quarkus.application.version", defaultValue = "dev") String version) {
        this.version = version;
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.get("/v1/health", request -> HttpResponse.ok(new Health("ok", version))));
    }
}
