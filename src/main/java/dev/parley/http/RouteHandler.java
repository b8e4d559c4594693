package dev.parley.http;

/** Answers one route. Throws {@link dev.parley.error.ParleyException} for every client-visible failure. */
@FunctionalInterface
public interface RouteHandler {
    HttpResponse handle(HttpRequest request);
}
