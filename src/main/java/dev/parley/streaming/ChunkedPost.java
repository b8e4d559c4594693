package dev.parley.streaming;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 POST whose body is sent in chunks as it is produced and may end with trailers. The
 * Runtime API's streaming response needs trailers to report a failure after the body started
 * ({@code Lambda-Runtime-Function-Error-Type/-Body}); {@code HttpURLConnection} cannot send them
 * and the JDK's {@code HttpClient} cannot either, so this writes the few lines of HTTP/1.1 itself
 * (RFC 9112 section 7.1). Plain sockets, no reflection: native-safe. Not thread-safe; one writer.
 */
final class ChunkedPost implements AutoCloseable {
    private static final byte[] CRLF = {'\r', '\n'};

    private final Socket socket;
    private final OutputStream out;

    private ChunkedPost(Socket socket) throws IOException {
        this.socket = socket;
        this.out = new BufferedOutputStream(socket.getOutputStream(), 8192);
    }

    /**
     * Connects and sends the request head. {@code headers} must not carry framing headers: this
     * adds {@code Transfer-Encoding: chunked} and announces the trailers it may send.
     */
    static ChunkedPost open(
            String host, int port, String path, Map<String, String> headers, int connectTimeoutMs)
            throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true); // each chunk is a token the client waits for
            socket.connect(new InetSocketAddress(host, port), connectTimeoutMs);
            ChunkedPost post = new ChunkedPost(socket);
            StringBuilder head =
                    new StringBuilder("POST ")
                            .append(path)
                            .append(" HTTP/1.1\r\n")
                            .append("Host: ")
                            .append(host)
                            .append(':')
                            .append(port)
                            .append("\r\n")
                            .append("Transfer-Encoding: chunked\r\n");
            headers.forEach(
                    (name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            head.append("\r\n");
            post.out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            return post;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Sends what is written so far (the request head, after {@link #open}). */
    void flush() throws IOException {
        out.flush();
    }

    /** Sends {@code bytes} as one chunk, at once (an empty array sends nothing: it would end the body). */
    void chunk(byte[] bytes) throws IOException {
        if (bytes.length == 0) {
            return;
        }
        out.write(Integer.toHexString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        out.write(CRLF);
        out.write(bytes);
        out.write(CRLF);
        out.flush();
    }

    /** Ends the body with the last chunk and {@code trailers}, then reads the server's answer; returns its status. */
    int finish(Map<String, String> trailers) throws IOException {
        StringBuilder end = new StringBuilder("0\r\n");
        trailers.forEach(
                (name, value) -> end.append(name).append(": ").append(value).append("\r\n"));
        end.append("\r\n");
        out.write(end.toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return readStatus(socket.getInputStream());
    }

    /** The status of the response, whose head and (Content-Length) body are read so the exchange is complete. */
    static int readStatus(InputStream in) throws IOException {
        String status = line(in);
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP response: " + status);
        }
        long length = 0;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            if (colon > 0
                    && header.substring(0, colon)
                            .trim()
                            .toLowerCase(Locale.ROOT)
                            .equals("content-length")) {
                length = Long.parseLong(header.substring(colon + 1).trim());
            }
        }
        in.skipNBytes(length);
        return Integer.parseInt(parts[1]);
    }

    /** One CRLF-terminated line, without the CRLF. */
    static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed in the middle of an HTTP head");
            }
            if (b == '\n' && previous == '\r') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
            }
            if (line.size() > 16 * 1024) {
                throw new IOException("HTTP head line longer than 16 KiB");
            }
            line.write(b);
            previous = b;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
