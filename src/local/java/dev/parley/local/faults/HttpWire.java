package dev.parley.local.faults;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Just enough HTTP/1.1 framing for a proxy: message heads, and bodies by length or in chunks. */
final class HttpWire {
    private static final int MAX_HEAD_BYTES = 64 * 1024;

    private HttpWire() {}

    /** A request or status line and its header lines, in order, names as sent. */
    record Head(String startLine, List<String[]> headers) {

        String header(String name) {
            for (String[] header : headers) {
                if (header[0].equalsIgnoreCase(name)) {
                    return header[1];
                }
            }
            return null;
        }

        boolean chunked() {
            String encoding = header("Transfer-Encoding");
            return encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked");
        }

        /** The Content-Length, or -1 without one. */
        long contentLength() {
            String length = header("Content-Length");
            return length == null ? -1 : Long.parseLong(length.trim());
        }

        Head without(String... names) {
            List<String[]> kept = new ArrayList<>();
            for (String[] header : headers) {
                boolean drop = false;
                for (String name : names) {
                    drop |= header[0].equalsIgnoreCase(name);
                }
                if (!drop) {
                    kept.add(header);
                }
            }
            return new Head(startLine, kept);
        }

        Head with(String name, String value) {
            List<String[]> all = new ArrayList<>(without(name).headers());
            all.add(new String[] {name, value});
            return new Head(startLine, all);
        }

        String method() {
            return startLine.substring(0, Math.max(0, startLine.indexOf(' ')));
        }

        String target() {
            String[] parts = startLine.split(" ", 3);
            return parts.length > 1 ? parts[1] : "/";
        }

        int status() {
            String[] parts = startLine.split(" ", 3);
            return parts.length > 1 ? Integer.parseInt(parts[1].trim()) : 0;
        }

        byte[] bytes() {
            StringBuilder text = new StringBuilder(startLine).append("\r\n");
            for (String[] header : headers) {
                text.append(header[0]).append(": ").append(header[1]).append("\r\n");
            }
            return text.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    /** The next message head, or null when the peer closed the connection before sending one. */
    static Head readHead(InputStream in) throws IOException {
        String start = readLine(in, true);
        while (start != null && start.isEmpty()) {
            start = readLine(in, true); // tolerate stray CRLFs between messages
        }
        if (start == null) {
            return null;
        }
        List<String[]> headers = new ArrayList<>();
        int total = start.length();
        while (true) {
            String line = readLine(in, false);
            if (line.isEmpty()) {
                return new Head(start, headers);
            }
            total += line.length();
            if (total > MAX_HEAD_BYTES) {
                throw new IOException("message head larger than " + MAX_HEAD_BYTES + " bytes");
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.add(
                        new String[] {
                            line.substring(0, colon).trim(), line.substring(colon + 1).trim()
                        });
            }
        }
    }

    /** A request body, de-chunked. */
    static byte[] readBody(InputStream in, Head head) throws IOException {
        if (head.chunked()) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                int size = chunkSize(readLine(in, false));
                if (size == 0) {
                    while (!readLine(in, false).isEmpty()) {
                        // trailers: dropped
                    }
                    return body.toByteArray();
                }
                body.write(readExactly(in, size));
                readLine(in, false);
            }
        }
        long length = head.contentLength();
        return length <= 0 ? new byte[0] : readExactly(in, Math.toIntExact(length));
    }

    static int chunkSize(String line) throws IOException {
        int semicolon = line.indexOf(';');
        String hex = (semicolon < 0 ? line : line.substring(0, semicolon)).trim();
        try {
            return Integer.parseInt(hex, 16);
        } catch (NumberFormatException e) {
            throw new IOException("bad chunk size line: " + line);
        }
    }

    static byte[] readExactly(InputStream in, int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException(
                    "connection closed after " + bytes.length + " of " + length + " bytes");
        }
        return bytes;
    }

    /** A CRLF-terminated line without its CRLF; null at end of stream only when {@code eofAllowed}. */
    static String readLine(InputStream in, boolean eofAllowed) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (eofAllowed && line.size() == 0) {
                    return null;
                }
                throw new EOFException("connection closed in the middle of a line");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = previous == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
            if (line.size() > MAX_HEAD_BYTES) {
                throw new IOException("line longer than " + MAX_HEAD_BYTES + " bytes");
            }
            previous = b;
        }
    }

    static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Status " + status;
        };
    }
}
