package dev.parley.http;

import dev.parley.error.ParleyException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;

/** Refuses a request body over {@code parley.http.max-body-bytes} with 413, before anything reads it. */
@ApplicationScoped
class BodySizeLimit implements Admission.Check {
    static final int ORDER = 100;

    private final HttpSettings settings;

    BodySizeLimit(HttpSettings settings) {
        this.settings = settings;
    }

    @Override
    public int order() {
        return ORDER;
    }

    @Override
    public void check(Route route, HttpRequest request) {
        int bytes = request.body().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > settings.maxBodyBytes()) {
            throw ParleyException.tooLarge(
                    "request body is " + bytes + " bytes; the limit is " + settings.maxBodyBytes());
        }
    }
}
