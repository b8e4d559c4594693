package dev.parley.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every listener the local run starts (the Bedrock emulator, DynamoDB Local, S3, the weather
 * service, the Management and Lambda APIs, the fault proxies) takes the loopback interface only:
 * nobody else on the network can read the stored conversations or post forged events. Read from
 * the kernel's socket table (/proc/net/tcp*), for the sockets this JVM opened while starting them.
 * The local run's Lambda Runtime API too.
 */
class StandInsListenOnLoopbackTest {

    @Test
    void everyStandInListensOnLoopbackOnly() throws Exception {
        Set<String> before = ownSocketInodes();
        List<String> listeners;
        int dynamoPort;
        try (StandIns standIns = StandIns.start(StandIns.Options.ephemeral())) {
            Set<String> opened = ownSocketInodes();
            opened.removeAll(before);
            listeners = listeningSockets(opened);
            dynamoPort = standIns.dynamoEndpoint().getPort();
        }
        // The emulator, DynamoDB Local, S3, weather, the Management and Lambda APIs and the fault
        // proxies.
        assertTrue(listeners.size() >= 6 + StandIns.FAULT_TARGETS.size() - 1, listeners.toString());
        // DynamoDB Local itself (it has no host option of its own), not only the proxy in front of
        // it.
        assertTrue(listeners.contains("loopback :" + dynamoPort), dynamoPort + " in " + listeners);
        List<String> exposed = listeners.stream().filter(l -> !l.startsWith("loopback")).toList();
        assertEquals(List.of(), exposed, "listening beyond this machine");
    }

    /**
     * The function's Runtime API (port 8080 of the local run, where an event with any authorizer
     * context can be posted) is the local run's own, on loopback: Quarkus's mock event server, which
     * listens on every interface, is off in the dev profile and its poll loop points at loopback.
     */
    @Test
    void theLocalRunsRuntimeApiListensOnLoopbackOnly() throws Exception {
        Set<String> before = ownSocketInodes();
        List<String> listeners;
        try (LocalRuntimeApi runtimeApi = LocalRuntimeApi.start(0)) {
            Set<String> opened = ownSocketInodes();
            opened.removeAll(before);
            listeners = listeningSockets(opened);
        }
        assertEquals(1, listeners.size(), listeners.toString());
        assertTrue(listeners.get(0).startsWith("loopback"), listeners.toString());

        Properties properties = new Properties();
        try (var in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        assertEquals(
                "false",
                properties.getProperty("%dev.quarkus.lambda.mock-event-server.enabled"),
                "Quarkus's mock event server binds every interface: the local run must not start it");
        assertTrue(
                properties
                        .getProperty("%dev.quarkus-internal.aws-lambda.test-api", "")
                        .startsWith("127.0.0.1:"),
                "Quarkus's poll loop must poll the loopback Runtime API");
    }

    /** The inodes of this process's sockets (its file descriptors that are sockets). */
    private static Set<String> ownSocketInodes() throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // a descriptor closed while listing: not a listener of ours
                }
            }
        }
        return inodes;
    }

    /** "loopback :port" or "<address> :port" for each LISTEN socket among the given inodes. */
    private static List<String> listeningSockets(Set<String> inodes) throws IOException {
        List<String> listeners = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
                if (!"0A".equals(f[3]) || !inodes.contains(f[9])) {
                    continue;
                }
                String[] local = f[1].split(":");
                int port = Integer.parseInt(local[1], 16);
                listeners.add((loopback(local[0]) ? "loopback" : local[0]) + " :" + port);
            }
        }
        return listeners;
    }

    /** 127.x.x.x (little-endian hex in tcp, "0100007F") or ::1 / ::ffff:127.x.x.x in tcp6. */
    private static boolean loopback(String hex) {
        if (hex.length() == 8) {
            return hex.endsWith("7F");
        }
        return hex.equals("00000000000000000000000001000000")
                || (hex.startsWith("0000000000000000FFFF0000") && hex.endsWith("7F"));
    }
}
