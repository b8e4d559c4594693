package dev.parley.bedrock;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A loopback HTTP/1.1 endpoint (127.0.0.1, a free port) that answers every request with one canned
 * JSON body. Priming sends its Converse calls here through a client built like the real one, so
 * the URL-connection HTTP path is warmed too while nothing leaves the machine. One thread, one
 * connection at a time: priming calls one after another.
 */
final class CannedEndpoint implements AutoCloseable {
    private final ServerSocket server;
    private final byte[] response;
    private final Thread thread;
    private volatile Socket current;

    CannedEndpoint(byte[] body) throws IOException {
        this.server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        byte[] head =
                ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nx-amzn-RequestId: priming\r\n"
                                + "Content-Length: "
                                + body.length
                                + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII);
        this.response = new byte[head.length + body.length];
        System.arraycopy(head, 0, response, 0, head.length);
        System.arraycopy(body, 0, response, head.length, body.length);
        this.thread = new Thread(this::serve, "parley-priming-endpoint");
        thread.setDaemon(true);
        thread.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                current = socket;
                // One write per response and no Nagle delay: each exchange takes microseconds, not
                // 40 ms.
                socket.setTcpNoDelay(true);
                InputStream in = new BufferedInputStream(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                while (readRequest(in)) {
                    out.write(response);
                    out.flush();
                }
            } catch (IOException e) {
                // Closed by close(), or the client went away: accept the next connection, if any.
            }
        }
    }

    /** Reads one request (head and Content-Length body); false at the end of the connection. */
    private static boolean readRequest(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            head.append((char) b);
            if (head.length() >= 4 && head.lastIndexOf("\r\n\r\n") == head.length() - 4) {
                break;
            }
        }
        if (b < 0) {
            return false;
        }
        long length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Long.parseLong(line.substring("content-length:".length()).trim());
            }
        }
        in.skipNBytes(length);
        return true;
    }

    @Override
    public void close() throws IOException {
        server.close();
        Socket socket = current;
        if (socket != null) {
            socket.close();
        }
    }
}
