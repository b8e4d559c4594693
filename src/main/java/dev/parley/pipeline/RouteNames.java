package dev.parley.pipeline;

import java.util.List;

/**
 * How a setting names the routes of model calls ({@link CallContext#route()}): a name stands for
 * its route and the routes under it ({@code openai} names {@code openai.responses}), so an opt-out
 * list names an edge once.
 */
public final class RouteNames {
    private RouteNames() {}

    /** Whether {@code names} (surrounding blanks ignored) names {@code route}. */
    public static boolean names(List<String> names, String route) {
        for (String entry : names) {
            String name = entry.strip();
            if (!name.isEmpty() && (route.equals(name) || route.startsWith(name + "."))) {
                return true;
            }
        }
        return false;
    }
}
