package dev.parley.deployhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * A short, stable name for a configuration: the first 16 hex digits of the SHA-256 of its canonical
 * JSON (object keys sorted at every level, no spaces), so the same settings give the same digest
 * whatever order CloudFormation sends them in. It goes into a version description, which Lambda
 * caps at 256 characters; 64 bits tell configurations apart with no realistic collision.
 */
public final class ConfigDigest {
    static final int LENGTH = 16;

    private ConfigDigest() {}

    public static String of(JsonNode config) {
        StringBuilder canonical = new StringBuilder();
        write(config, canonical);
        try {
            byte[] hash =
                    MessageDigest.getInstance("SHA-256")
                            .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node == null || node.isMissingNode()) {
            out.append("null");
        } else if (node.isObject()) {
            List<String> names = new ArrayList<>();
            Iterator<String> it = node.fieldNames();
            it.forEachRemaining(names::add);
            names.sort(null);
            out.append('{');
            for (int i = 0; i < names.size(); i++) {
                out.append(i == 0 ? "" : ",");
                // A TextNode's toString() is its JSON string, quotes and escapes included.
                out.append(com.fasterxml.jackson.databind.node.TextNode.valueOf(names.get(i)))
                        .append(':');
                write(node.get(names.get(i)), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(node.get(i), out);
            }
            out.append(']');
        } else {
            out.append(node);
        }
    }
}
