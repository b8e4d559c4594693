package dev.parley.http;

import java.util.Map;

/**
 * One step of the admission chain the router runs on a matched request before its handler: who
 * is calling (authorizer, JWT or API key), whether the body is small enough, whether an identity
 * is required, whether a key's rate limit has room. Each step either refuses the request by
 * throwing a {@code ParleyException} (rendered in the route family's error shape) or lets it on,
 * possibly as another caller, with headers for the answer (e.g. rate-limit headers).
 *
 * <p>Steps run in {@link #order()} (lower first); a step that costs I/O states what it costs.
 */
public interface Admission {

    int order();

    Admitted admit(Route route, HttpRequest request);

    /** A step that only refuses, or lets the request on as it is (body size, identity required). */
    interface Check extends Admission {

        /** Throws a {@code ParleyException} to refuse the request. */
        void check(Route route, HttpRequest request);

        @Override
        default Admitted admit(Route route, HttpRequest request) {
            check(route, request);
            return Admitted.as(request);
        }
    }

    /** The request to go on with, and the headers its answer carries. */
    record Admitted(HttpRequest request, Map<String, String> headers) {

        public Admitted {
            headers = Map.copyOf(headers);
        }

        public static Admitted as(HttpRequest request) {
            return new Admitted(request, Map.of());
        }
    }
}
