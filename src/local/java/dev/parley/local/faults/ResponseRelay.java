package dev.parley.local.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Copies one answer from the dependency to the client, breaking it on the way as the fault says. */
final class ResponseRelay {
    /** The fault reset the client connection: nothing more is served on it. */
    static final class ConnectionReset extends IOException {
        ConnectionReset() {
            super("reset by the fault proxy", null);
        }
    }

    private static final int BUFFER = 8192;

    private final HttpWire.Head request;
    private final InputStream up;
    private final OutputStream out;
    private final Socket client;
    private final Fault fault;

    /** Bytes written to the client so far, for {@link Fault.ResetAfter}. */
    private long written;

    /** Body bytes relayed so far, for {@link Fault.Corrupt} and {@link Fault.Truncate}. */
    private long bodyOffset;

    ResponseRelay(
            HttpWire.Head request, InputStream up, OutputStream out, Socket client, Fault fault) {
        this.request = request;
        this.up = up;
        this.out = out;
        this.client = client;
        this.fault = fault;
    }

    /** Relays the answer whose head was just read; false when the client connection must close after it. */
    boolean relay(HttpWire.Head head) throws IOException {
        while (head.status() >= 100 && head.status() < 200) {
            head = HttpWire.readHead(up); // interim answers: the proxy answered 100-continue itself
            if (head == null) {
                throw new IOException(
                        "the dependency closed the connection after an interim answer");
            }
        }
        if (fault instanceof Fault.Delay delay) {
            sleep(delay.millis());
        }
        write(head.bytes(), 0, head.bytes().length);
        boolean keepAlive = !"close".equalsIgnoreCase(head.header("Connection"));
        int status = head.status();
        if ("HEAD".equalsIgnoreCase(request.method()) || status == 204 || status == 304) {
            out.flush();
            return keepAlive;
        }
        boolean complete;
        if (head.chunked()) {
            complete = relayChunked();
        } else if (head.contentLength() >= 0) {
            complete = relaySized(head.contentLength());
        } else {
            relaySized(Long.MAX_VALUE); // delimited by the dependency closing the connection
            complete = false;
        }
        out.flush();
        return keepAlive && complete;
    }

    private boolean relayChunked() throws IOException {
        while (true) {
            String sizeLine = HttpWire.readLine(up, false);
            int size = HttpWire.chunkSize(sizeLine);
            if (size == 0) {
                while (!HttpWire.readLine(up, false).isEmpty()) {
                    // trailers: dropped
                }
                writeText("0\r\n\r\n");
                return true;
            }
            byte[] data = HttpWire.readExactly(up, size);
            HttpWire.readLine(up, false);
            int keep = body(data, data.length);
            if (keep > 0) {
                writeText(Integer.toHexString(keep) + "\r\n");
                write(data, 0, keep);
                writeText("\r\n");
            }
            if (keep < data.length) {
                writeText("0\r\n\r\n"); // a well-formed end, in the middle of what the dependency
                // sent
                return false;
            }
            out.flush(); // stream events out as they come
        }
    }

    private boolean relaySized(long length) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long remaining = length;
        while (remaining > 0) {
            int read = up.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (read < 0) {
                return length == Long.MAX_VALUE;
            }
            remaining -= read;
            int keep = body(buffer, read);
            write(buffer, 0, keep);
            if (keep < read) {
                return false; // truncated: the client sees the connection close early
            }
        }
        return true;
    }

    /** Applies a body fault to {@code length} bytes at the current offset; how many of them to pass on. */
    private int body(byte[] data, int length) {
        long start = bodyOffset;
        bodyOffset += length;
        if (fault instanceof Fault.Corrupt corrupt
                && corrupt.bodyOffset() >= start
                && corrupt.bodyOffset() < start + length) {
            int at = (int) (corrupt.bodyOffset() - start);
            data[at] = (byte) ~data[at];
        }
        if (fault instanceof Fault.Truncate truncate && truncate.bodyOffset() < start + length) {
            return (int) Math.max(0, truncate.bodyOffset() - start);
        }
        return length;
    }

    private void writeText(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        write(bytes, 0, bytes.length);
    }

    private void write(byte[] data, int offset, int length) throws IOException {
        if (fault instanceof Fault.ResetAfter reset && written + length >= reset.bytes()) {
            int allowed = (int) Math.max(0, reset.bytes() - written);
            out.write(data, offset, allowed);
            out.flush();
            written += allowed;
            // SO_LINGER 0: the close sends a TCP RST, as a broken connection would.
            client.setSoLinger(true, 0);
            client.close();
            throw new ConnectionReset();
        }
        out.write(data, offset, length);
        written += length;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
