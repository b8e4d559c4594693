package dev.parley.store;

import java.util.Optional;

/** Stored Responses API responses, scoped to their owner: another owner's id is not found. */
public interface ResponseStore {

    /** Stores a new response; its id is fresh, so nothing is overwritten. */
    void put(StoredResponse response);

    Optional<StoredResponse> find(String id, String owner);

    /** True when the owner's response existed and is now gone. */
    boolean delete(String id, String owner);
}
