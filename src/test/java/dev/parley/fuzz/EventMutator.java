package dev.parley.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded mutations of a JSON event, hypothesis-style: delete a field, change a value's type,
 * put in odd strings or huge values. String fields that hold JSON (an API Gateway {@code body},
 * an SQS message body) are mutated inside too, so routes and nested notifications get bad input,
 * not only the envelope.
 */
final class EventMutator {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> ODD_STRINGS =
            List.of(
                    "",
                    " ",
                    "\u0000",
                    "%",
                    "%zz",
                    "%E0%A4%A",
                    "../../etc/passwd",
                    "a/b",
                    "?x=1#frag",
                    "\r\nX-Injected: 1",
                    "😀🚀",
                    "\uD83D",
                    "'; DROP TABLE parley; --",
                    "${jndi:ldap://x}",
                    "<script>alert(1)</script>",
                    "null",
                    "true",
                    "-1",
                    "1e309",
                    "{\"nested\": true}",
                    "[]",
                    "$default",
                    "CONNECT",
                    "MESSAGE",
                    "ObjectCreated:Put",
                    "aws:s3",
                    "aws:sqs",
                    "https://evil.example/x",
                    "evil.example:1/x",
                    "a\tb",
                    "\\u0000",
                    "ünïcødé",
                    " leading and trailing ");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Random random;

    EventMutator(long seed) {
        this.random = new Random(seed);
    }

    /** A mutated copy of {@code event}: one to three mutations. */
    ObjectNode mutate(ObjectNode event) {
        ObjectNode copy = event.deepCopy();
        int mutations = 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            mutateOnce(copy);
        }
        return copy;
    }

    private void mutateOnce(ObjectNode root) {
        // A third of the mutations go into the request body, where the routes' own validation is
        // tried.
        if (root.path("body").isTextual()
                && random.nextInt(3) == 0
                && parse(root.path("body").textValue()) instanceof ObjectNode body) {
            mutateOnce(body);
            root.put("body", body.toString());
            return;
        }
        List<Slot> slots = new ArrayList<>();
        collect(root, slots);
        if (slots.isEmpty()) {
            return;
        }
        Slot slot = slots.get(random.nextInt(slots.size()));
        JsonNode current = slot.get();
        // A string holding JSON is mutated inside half of the time.
        if (current.isTextual() && random.nextBoolean()) {
            JsonNode inner = parse(current.textValue());
            if (inner instanceof ObjectNode object) {
                mutateOnce(object);
                slot.set(NODES.textNode(object.toString()));
                return;
            }
        }
        switch (random.nextInt(6)) {
            case 0 -> slot.remove();
            case 1 -> slot.set(otherType(current));
            case 2 -> slot.set(NODES.textNode(ODD_STRINGS.get(random.nextInt(ODD_STRINGS.size()))));
            case 3 -> slot.set(huge());
            case 4 -> slot.set(NODES.nullNode());
            default ->
                    slot.set(
                            NODES.textNode(
                                    current.isTextual()
                                            ? current.textValue() + oddSuffix()
                                            : oddSuffix()));
        }
    }

    private String oddSuffix() {
        return ODD_STRINGS.get(random.nextInt(ODD_STRINGS.size()));
    }

    private JsonNode otherType(JsonNode current) {
        return switch (random.nextInt(5)) {
            case 0 ->
                    current.isNumber()
                            ? NODES.textNode(current.asText())
                            : NODES.numberNode(random.nextInt(1000) - 500);
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.arrayNode().add(current.deepCopy());
            case 3 -> NODES.objectNode().set("value", current.deepCopy());
            default -> NODES.numberNode(random.nextDouble() * 1e6);
        };
    }

    private JsonNode huge() {
        return switch (random.nextInt(5)) {
            case 0 -> NODES.textNode("x".repeat(100_000 + random.nextInt(200_000)));
            case 1 -> NODES.numberNode(Long.MAX_VALUE);
            case 2 -> NODES.numberNode(new java.math.BigInteger("9".repeat(400)));
            case 3 -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = 0; i < 5_000; i++) {
                    array.add(i);
                }
                yield array;
            }
            default -> {
                ObjectNode deep = NODES.objectNode();
                ObjectNode at = deep;
                for (int i = 0; i < 200; i++) {
                    at = at.putObject("d");
                }
                yield deep;
            }
        };
    }

    private static JsonNode parse(String text) {
        if (text.isEmpty() || (text.charAt(0) != '{')) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    /** Every place a value sits, so one can be picked uniformly. */
    private static void collect(JsonNode node, List<Slot> slots) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                slots.add(new Slot(object, name, -1));
                collect(object.get(name), slots);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                slots.add(new Slot(array, null, i));
                collect(array.get(i), slots);
            }
        }
    }

    private record Slot(JsonNode parent, String name, int index) {
        JsonNode get() {
            return name != null ? parent.get(name) : parent.get(index);
        }

        void set(JsonNode value) {
            if (name != null) {
                ((ObjectNode) parent).set(name, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }

        void remove() {
            if (name != null) {
                ((ObjectNode) parent).remove(name);
            } else {
                ((ArrayNode) parent).remove(index);
            }
        }
    }
}
