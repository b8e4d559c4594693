package dev.parley.local.faults;

import java.util.Map;

/**
 * What the proxy does to a request a rule matches. {@link Respond} never reaches the dependency;
 * the others forward the request and break the answer on its way back.
 */
public sealed interface Fault {

    /** Answers in the dependency's place, e.g. with an AWS error ({@link AwsErrors}). */
    record Respond(int status, Map<String, String> headers, String body) implements Fault {
        public Respond {
            headers = Map.copyOf(headers);
            body = body == null ? "" : body;
        }
    }

    /** Holds the dependency's answer back this long before its first byte (past a client timeout). */
    record Delay(long millis) implements Fault {}

    /** Passes this many bytes of the answer (status line and headers included), then resets the connection. */
    record ResetAfter(long bytes) implements Fault {}

    /**
     * Flips the bits of the body byte at this offset (counted in the de-chunked body): inside an
     * AWS event-stream frame this breaks its CRC, as a corrupted frame would.
     */
    record Corrupt(long bodyOffset) implements Fault {}

    /**
     * Ends the body cleanly after this many body bytes: a chunked answer gets its last chunk (so an
     * event stream stops in the middle of a frame), a sized one is cut off by closing the connection.
     */
    record Truncate(long bodyOffset) implements Fault {}
}
