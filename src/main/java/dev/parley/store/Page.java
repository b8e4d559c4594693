package dev.parley.store;

import java.util.List;
import java.util.Optional;

/** A page of results and the opaque cursor of the next page, if any. */
public record Page<T>(List<T> items, Optional<String> nextCursor) {}
