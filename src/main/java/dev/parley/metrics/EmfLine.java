package dev.parley.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One CloudWatch Embedded Metric Format document: a single metric directive with its dimension
 * sets, the dimension values and the metric values as root members. Built as a Jackson tree, so
 * nothing needs reflection in the native image.
 */
final class EmfLine {
    /** CloudWatch's limits: 30 dimensions per set, 100 metrics per directive, 1 to 1024 characters a value. */
    static final int MAX_DIMENSIONS = 30;

    static final int MAX_METRICS = 100;
    private static final int MAX_VALUE_CHARS = 1024;

    enum Unit {
        COUNT("Count"),
        MILLISECONDS("Milliseconds");

        final String wireName;

        Unit(String wireName) {
            this.wireName = wireName;
        }
    }

    private record Metric(String name, Unit unit, double value) {}

    private final List<List<String>> dimensionSets;
    private final Map<String, String> dimensions = new LinkedHashMap<>();
    private final List<Metric> metrics = new ArrayList<>();

    /** @param dimensionSets each set is one metric per name; an empty set publishes the metric without dimensions */
    EmfLine(List<List<String>> dimensionSets) {
        for (List<String> set : dimensionSets) {
            if (set.size() > MAX_DIMENSIONS) {
                throw new IllegalArgumentException(
                        "a dimension set has at most " + MAX_DIMENSIONS + " dimensions");
            }
        }
        this.dimensionSets = List.copyOf(dimensionSets);
    }

    EmfLine dimension(String name, String value) {
        String v = value == null || value.isBlank() ? "unknown" : value;
        dimensions.put(name, v.length() > MAX_VALUE_CHARS ? v.substring(0, MAX_VALUE_CHARS) : v);
        return this;
    }

    EmfLine count(String name, double value) {
        return metric(name, Unit.COUNT, value);
    }

    EmfLine millis(String name, double value) {
        return metric(name, Unit.MILLISECONDS, value);
    }

    private EmfLine metric(String name, Unit unit, double value) {
        if (metrics.size() == MAX_METRICS) {
            throw new IllegalStateException("a directive has at most " + MAX_METRICS + " metrics");
        }
        metrics.add(new Metric(name, unit, value));
        return this;
    }

    ObjectNode toJson(ObjectMapper mapper, String namespace, long timestampMillis) {
        for (List<String> set : dimensionSets) {
            for (String name : set) {
                if (!dimensions.containsKey(name)) {
                    // The specification requires every referenced dimension as a root member.
                    throw new IllegalStateException("dimension " + name + " has no value");
                }
            }
        }
        ObjectNode root = mapper.createObjectNode();
        ObjectNode aws = root.putObject("_aws");
        aws.put("Timestamp", timestampMillis);
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", namespace);
        ArrayNode sets = directive.putArray("Dimensions");
        dimensionSets.forEach(set -> set.forEach(sets.addArray()::add));
        ArrayNode definitions = directive.putArray("Metrics");
        for (Metric metric : metrics) {
            definitions.addObject().put("Name", metric.name()).put("Unit", metric.unit().wireName);
        }
        dimensions.forEach(root::put);
        for (Metric metric : metrics) {
            if (metric.value() == Math.rint(metric.value())) {
                root.put(metric.name(), (long) metric.value());
            } else {
                root.put(metric.name(), metric.value());
            }
        }
        return root;
    }
}
