package dev.parley.http;

import dev.parley.modelcall.ModelLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.List;
import java.util.Optional;

/** The registered {@link Dialect}s, and which one a request path belongs to (none: Parley's own API). */
@ApplicationScoped
public class Dialects {
    private final List<Dialect> dialects;

    Dialects(Instance<Dialect> dialects) {
        this.dialects = dialects.stream().toList();
    }

    public Optional<Dialect> of(String path) {
        for (Dialect dialect : dialects) {
            if (dialect.covers(path)) {
                return Optional.of(dialect);
            }
        }
        return Optional.empty();
    }

    /** Every dialect's own request headers ({@link Dialect#requestHeaders()}), each once. */
    public List<String> requestHeaders() {
        return dialects.stream()
                .flatMap(dialect -> dialect.requestHeaders().stream())
                .distinct()
                .toList();
    }

    /** The models path a legacy model's {@code Link} header uses on this request's path. */
    public String modelsPath(String path) {
        return of(path).map(Dialect::modelsPath).orElse(ModelLifecycle.V1_MODELS_PATH);
    }
}
