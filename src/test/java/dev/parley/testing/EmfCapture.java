package dev.parley.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;

/**
 * Captures what the function writes to standard output while open (it still reaches the console)
 * and reads the Embedded Metric Format lines out of it, checking each against the EMF
 * specification: the log event is one JSON object; {@code _aws} has a numeric {@code Timestamp}
 * and {@code CloudWatchMetrics} directives, each with a 1..1024-character {@code Namespace},
 * {@code Dimensions} as arrays of at most 30 names each present as a string root member, and at
 * most 100 {@code Metrics} whose names are numeric root members and whose {@code Unit} is a
 * CloudWatch unit.
 */
public final class EmfCapture implements AutoCloseable {
    private static final Set<String> UNITS =
            Set.of(
                    "Seconds",
                    "Microseconds",
                    "Milliseconds",
                    "Bytes",
                    "Kilobytes",
                    "Megabytes",
                    "Gigabytes",
                    "Terabytes",
                    "Bits",
                    "Kilobits",
                    "Megabits",
                    "Gigabits",
                    "Terabits",
                    "Percent",
                    "Count",
                    "Bytes/Second",
                    "Kilobytes/Second",
                    "Megabytes/Second",
                    "Gigabytes/Second",
                    "Terabytes/Second",
                    "Bits/Second",
                    "Kilobits/Second",
                    "Megabits/Second",
                    "Gigabits/Second",
                    "Terabits/Second",
                    "Count/Second",
                    "None");

    private final PrintStream original = System.out;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    public static EmfCapture start() {
        return new EmfCapture();
    }

    private EmfCapture() {
        OutputStream tee =
                new OutputStream() {
                    @Override
                    public void write(int b) {
                        synchronized (captured) {
                            captured.write(b);
                        }
                        original.write(b);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) {
                        synchronized (captured) {
                            captured.write(b, off, len);
                        }
                        original.write(b, off, len);
                    }
                };
        System.setOut(new PrintStream(tee, true, StandardCharsets.UTF_8));
    }

    /** Every EMF line written so far, each checked against the specification. */
    public List<JsonNode> lines() {
        String text;
        synchronized (captured) {
            text = captured.toString(StandardCharsets.UTF_8);
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("{\"_aws\"")) {
                try {
                    JsonNode node = Lambda.JSON.readTree(line);
                    check(node);
                    lines.add(node);
                } catch (IOException e) {
                    throw new UncheckedIOException(
                            "an EMF line is not one JSON object: " + line, e);
                }
            }
        }
        return lines;
    }

    /** The lines that declare {@code metric}. */
    public List<JsonNode> declaring(String metric) {
        return lines().stream()
                .filter(
                        line ->
                                StreamSupport.stream(
                                                line.at("/_aws/CloudWatchMetrics/0/Metrics")
                                                        .spliterator(),
                                                false)
                                        .anyMatch(m -> metric.equals(m.path("Name").asText())))
                .toList();
    }

    public static void check(JsonNode root) {
        require(root.isObject(), "the root is an object");
        JsonNode aws = root.path("_aws");
        require(aws.isObject(), "_aws is an object");
        require(
                aws.path("Timestamp").isIntegralNumber() && aws.path("Timestamp").asLong() > 0,
                "_aws.Timestamp is a number of milliseconds");
        JsonNode directives = aws.path("CloudWatchMetrics");
        require(
                directives.isArray() && !directives.isEmpty(),
                "_aws.CloudWatchMetrics is a non-empty array");
        for (JsonNode directive : directives) {
            String namespace = directive.path("Namespace").asText("");
            require(
                    !namespace.isEmpty() && namespace.length() <= 1024,
                    "Namespace has 1 to 1024 characters");
            JsonNode dimensions = directive.path("Dimensions");
            require(dimensions.isArray(), "Dimensions is an array of dimension sets");
            for (JsonNode set : dimensions) {
                require(
                        set.isArray() && set.size() <= 30,
                        "a dimension set is an array of at most 30 names");
                for (JsonNode name : set) {
                    JsonNode value = root.path(name.asText());
                    require(
                            value.isTextual()
                                    && !value.asText().isEmpty()
                                    && value.asText().length() <= 1024,
                            "dimension " + name + " is a string root member");
                }
            }
            JsonNode metrics = directive.path("Metrics");
            require(
                    metrics.isArray() && metrics.size() <= 100,
                    "Metrics is an array of at most 100 definitions");
            for (JsonNode metric : metrics) {
                String name = metric.path("Name").asText("");
                require(!name.isEmpty() && name.length() <= 1024, "a metric has a Name");
                require(root.path(name).isNumber(), "metric " + name + " is a numeric root member");
                if (metric.has("Unit")) {
                    require(
                            UNITS.contains(metric.path("Unit").asText()),
                            "Unit " + metric.path("Unit") + " is valid");
                }
            }
        }
    }

    private static void require(boolean condition, String rule) {
        if (!condition) {
            throw new AssertionError("EMF specification: " + rule);
        }
    }

    @Override
    public void close() {
        System.setOut(original);
    }
}
