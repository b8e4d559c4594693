package dev.parley.local.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP/1.1 proxy between the function and one dependency (DynamoDB Local, the S3 server, the
 * Bedrock emulator, the Management API stand-in) that passes everything through until told to
 * break something: rules ({@link FaultRule}) pick requests, faults ({@link Fault}) answer an AWS
 * error in the dependency's place, hold the answer back, reset the connection after some bytes,
 * or corrupt or cut an (event-stream) body. Tests program it over HTTP under {@code /_faults/}
 * ({@link FaultControl}), because they may run in another class loader than the stand-ins.
 *
 * <p>Each client connection gets its own connection to the dependency, kept alive like the
 * client's; request bodies are read whole (they are small), answers are streamed through, so a
 * ConverseStream's events arrive as the emulator writes them.
 */
public final class FaultProxy implements AutoCloseable {
    /** When each request arrived (System.nanoTime()), for in-process measurements (the cold-start benchmark). */
    private final java.util.List<Long> arrivals = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** When each request so far arrived, in System.nanoTime(), oldest first. */
    public java.util.List<Long> arrivals() {
        return java.util.List.copyOf(arrivals);
    }

    static final String CONTROL_PREFIX = "/_faults/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int UPSTREAM_READ_TIMEOUT_MS = 120_000;

    /** A rule in force, with how many matching requests it has seen and broken. */
    private record Active(FaultRule rule, AtomicInteger seen, AtomicInteger applied) {}

    /** The connection to the dependency that serves one client connection. */
    private static final class Upstream implements AutoCloseable {
        final Socket socket;
        final InputStream in;
        final OutputStream out;

        Upstream(URI endpoint) throws IOException {
            socket = new Socket(endpoint.getHost(), endpoint.getPort());
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(UPSTREAM_READ_TIMEOUT_MS);
            in = new BufferedInputStream(socket.getInputStream());
            out = new BufferedOutputStream(socket.getOutputStream());
        }

        /** Sends the request; the answer's head, or null when the connection turns out to be closed. */
        HttpWire.Head exchange(HttpWire.Head request, byte[] body) throws IOException {
            try {
                out.write(request.bytes());
                out.write(body);
                out.flush();
                return HttpWire.readHead(in);
            } catch (SocketException e) {
                return null;
            }
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /** One request as the proxy saw it: what it was and what was done to it. */
    private record Seen(
            long atMillis, String method, String target, String operation, String fault) {}

    private final String name;
    private final URI upstream;
    private final ServerSocket server;
    private final ExecutorService connections =
            Executors.newCachedThreadPool(
                    runnable -> {
                        Thread thread = new Thread(runnable, "fault-proxy");
                        thread.setDaemon(true);
                        return thread;
                    });
    private final List<Active> rules = new CopyOnWriteArrayList<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private FaultProxy(String name, URI upstream, ServerSocket server) {
        this.name = name;
        this.upstream = upstream;
        this.server = server;
    }

    /** Listens on {@code host}:{@code port} (0: any free port) in front of {@code upstream}. */
    public static FaultProxy start(String name, String host, int port, URI upstream)
            throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getByName(host), port), 64);
        FaultProxy proxy = new FaultProxy(name, upstream, server);
        Thread accept = new Thread(proxy::acceptLoop, "fault-proxy-" + name);
        accept.setDaemon(true);
        accept.start();
        return proxy;
    }

    public URI endpoint() {
        return URI.create(
                "http://" + server.getInetAddress().getHostAddress() + ":" + server.getLocalPort());
    }

    public void add(FaultRule rule) {
        rules.add(new Active(rule, new AtomicInteger(), new AtomicInteger()));
    }

    /** Removes every rule and forgets every request seen. */
    public void reset() {
        rules.clear();
        seen.clear();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                open.add(client);
                connections.execute(() -> serve(client));
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("fault proxy " + name + ": accept failed: " + e);
                }
            }
        }
    }

    /** Serves one client connection, request after request, until either side closes it. */
    private void serve(Socket client) {
        Upstream dependency = null;
        try (client) {
            client.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream out = new BufferedOutputStream(client.getOutputStream());
            while (true) {
                HttpWire.Head request = HttpWire.readHead(in);
                if (request == null) {
                    return;
                }
                if ("100-continue".equalsIgnoreCase(request.header("Expect"))) {
                    // Answered here, so the client sends its body at once; the dependency never
                    // sees the Expect.
                    out.write(
                            "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                }
                byte[] body = HttpWire.readBody(in, request);
                if (request.target().startsWith(CONTROL_PREFIX)) {
                    control(request, body, out);
                    continue;
                }
                Fault fault = match(request);
                arrivals.add(System.nanoTime());
                seen.add(
                        new Seen(
                                System.currentTimeMillis(),
                                request.method(),
                                request.target(),
                                request.header("X-Amz-Target"),
                                fault == null ? "pass" : fault.getClass().getSimpleName()));
                if (fault instanceof Fault.Respond respond) {
                    respond(request, respond, out);
                    continue;
                }
                HttpWire.Head forwarded =
                        request.without("Expect", "Transfer-Encoding", "Content-Length")
                                .with("Content-Length", Integer.toString(body.length));
                boolean reused = dependency != null;
                if (!reused) {
                    dependency = new Upstream(upstream);
                }
                HttpWire.Head answer = dependency.exchange(forwarded, body);
                if (answer == null && reused) {
                    // The dependency had closed the idle connection: send once more on a new one.
                    dependency.close();
                    dependency = new Upstream(upstream);
                    answer = dependency.exchange(forwarded, body);
                }
                if (answer == null) {
                    throw new IOException("the dependency closed the connection without answering");
                }
                boolean keepOpen =
                        new ResponseRelay(request, dependency.in, out, client, fault).relay(answer);
                if (!keepOpen || "close".equalsIgnoreCase(answer.header("Connection"))) {
                    dependency.close();
                    dependency = null;
                }
                if (!keepOpen) {
                    return;
                }
            }
        } catch (ResponseRelay.ConnectionReset | SocketException e) {
            // the fault's reset, or the client went away
        } catch (IOException e) {
            if (!closed) {
                System.err.println("fault proxy " + name + ": " + e);
            }
        } finally {
            open.remove(client);
            if (dependency != null) {
                dependency.close();
            }
        }
    }

    private Fault match(HttpWire.Head request) {
        for (Active active : rules) {
            if (!active.rule().matches(request)) {
                continue;
            }
            if (active.seen().incrementAndGet() <= active.rule().skip()) {
                return null;
            }
            int times = active.rule().times();
            if (times < 0 || active.applied().incrementAndGet() <= times) {
                return active.rule().fault();
            }
        }
        return null;
    }

    private static void respond(HttpWire.Head request, Fault.Respond respond, OutputStream out)
            throws IOException {
        byte[] body = respond.body().getBytes(StandardCharsets.UTF_8);
        boolean head = "HEAD".equalsIgnoreCase(request.method());
        StringBuilder text =
                new StringBuilder("HTTP/1.1 ")
                        .append(respond.status())
                        .append(' ')
                        .append(HttpWire.reason(respond.status()))
                        .append("\r\n");
        for (Map.Entry<String, String> header : respond.headers().entrySet()) {
            text.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
        }
        text.append("Content-Length: ").append(head ? 0 : body.length).append("\r\n\r\n");
        out.write(text.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (!head) {
            out.write(body);
        }
        out.flush();
    }

    /** {@code POST /_faults/rules} (a rule), {@code POST /_faults/reset}, {@code GET /_faults/requests}. */
    private void control(HttpWire.Head request, byte[] body, OutputStream out) throws IOException {
        String action = request.target().substring(CONTROL_PREFIX.length());
        int status = 200;
        String answer = "{}";
        try {
            switch (action) {
                case "rules" -> add(FaultRule.fromJson(JSON.readTree(body)));
                case "reset" -> reset();
                case "requests" -> answer = requests().toString();
                default -> {
                    status = 404;
                    answer =
                            JSON.createObjectNode()
                                    .put("message", "unknown control action " + action)
                                    .toString();
                }
            }
        } catch (RuntimeException | IOException e) {
            status = 400;
            answer =
                    JSON.createObjectNode()
                            .put("message", String.valueOf(e.getMessage()))
                            .toString();
        }
        respond(
                request,
                new Fault.Respond(status, Map.of("Content-Type", "application/json"), answer),
                out);
    }

    private JsonNode requests() {
        ObjectNode result = JSON.createObjectNode();
        ArrayNode list = result.putArray("requests");
        for (Seen request : seen) {
            list.addObject()
                    .put("atMillis", request.atMillis())
                    .put("method", request.method())
                    .put("target", request.target())
                    .put("operation", request.operation())
                    .put("fault", request.fault());
        }
        return result;
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket socket : new ArrayList<>(open)) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        connections.shutdownNow();
    }
}
