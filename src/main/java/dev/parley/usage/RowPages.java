package dev.parley.usage;

import dev.parley.error.ParleyException;
import dev.parley.http.HttpRequest;
import dev.parley.http.PageSize;
import dev.parley.store.Page;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Pages of a usage report's rows, opt-in: a report asked for without {@code limit=} or {@code
 * cursor=} is whole, as it always was (one owner's rows over at most the longest allowed range).
 * The rows are built in a stable order (day, model, key), so a cursor is the next row's position.
 */
final class RowPages {
    private static final String PREFIX = "row:";

    private RowPages() {}

    static <T> Page<T> page(List<T> rows, HttpRequest request) {
        Optional<String> cursor = request.queryParam("cursor");
        if (request.queryParam("limit").isEmpty() && cursor.isEmpty()) {
            return new Page<>(rows, Optional.empty());
        }
        int start = cursor.map(RowPages::position).orElse(0);
        int end = Math.min(rows.size(), start + PageSize.of(request));
        List<T> items = start >= rows.size() ? List.of() : rows.subList(start, end);
        return new Page<>(
                List.copyOf(items),
                end < rows.size() ? Optional.of(encode(end)) : Optional.empty());
    }

    private static String encode(int position) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((PREFIX + position).getBytes(StandardCharsets.UTF_8));
    }

    private static int position(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith(PREFIX)) {
                int position = Integer.parseInt(text.substring(PREFIX.length()));
                if (position >= 0) {
                    return position;
                }
            }
        } catch (IllegalArgumentException ignored) {
            // answered below (NumberFormatException is an IllegalArgumentException)
        }
        throw ParleyException.validation(
                "cursor is not one this report gave out; pass nextCursor from the previous page");
    }
}
