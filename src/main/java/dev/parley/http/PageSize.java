package dev.parley.http;

import dev.parley.error.ParleyException;

/** The {@code ?limit=} of listings: 1 to 100, 20 when absent. */
public final class PageSize {
    public static final int DEFAULT = 20;
    public static final int MAX = 100;

    private PageSize() {}

    public static int of(HttpRequest request) {
        return request.queryParam("limit").map(PageSize::parse).orElse(DEFAULT);
    }

    private static int parse(String value) {
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw ParleyException.validation(
                "limit must be an integer between 1 and " + MAX + ", got '" + value + "'");
    }
}
