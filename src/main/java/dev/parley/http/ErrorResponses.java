package dev.parley.http;

import dev.parley.error.ParleyException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;

/** The single place a {@link ParleyException} becomes the contract's error body. */
@ApplicationScoped
public class ErrorResponses {

    @RegisterForReflection
    public record ErrorBody(Detail error) {}

    @RegisterForReflection
    public record Detail(String code, String message, String requestId) {}

    public HttpResponse of(ParleyException e, String requestId) {
        return new HttpResponse(
                e.code().status(), e.headers(), new ErrorBody(detail(e, requestId)));
    }

    /** The error as the contract shapes it; also used in compare results and WebSocket error frames. */
    public static Detail detail(ParleyException e, String requestId) {
        return new Detail(e.code().code(), e.getMessage(), requestId);
    }
}
