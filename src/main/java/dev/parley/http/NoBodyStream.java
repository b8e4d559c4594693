package dev.parley.http;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** The deployed behaviour: no incremental body; API Gateway gets the whole response at once. */
@ApplicationScoped
@DefaultBean
public class NoBodyStream implements BodyStream {

    @Override
    public Optional<Sink> open(HttpRequest request) {
        return Optional.empty();
    }
}
