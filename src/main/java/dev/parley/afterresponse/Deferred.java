package dev.parley.afterresponse;

/**
 * A holder of work that a response did not wait for (usage to write, say). {@link AfterResponse}
 * flushes every one after each invocation's response, before the execution environment may be
 * frozen, and once more when the application shuts down.
 */
public interface Deferred {

    /** Does the held work now, on the calling thread. Never throws. */
    void flush();

    /** How much work is held (for logs and tests): 0 once a flush has done everything. */
    int pending();
}
