package dev.parley.local.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Bedrock Runtime's official service model (botocore's {@code bedrock-runtime/<version>/service-2.json},
 * the same model the AWS SDKs are generated from), used to check JSON against its shapes: no member
 * the shape does not define, required members present, one member per union, enum values and
 * JSON types as the shape says.
 */
final class ServiceModel {
    private final JsonNode shapes;

    private ServiceModel(JsonNode shapes) {
        this.shapes = shapes;
    }

    /** Finds botocore through the machine's python3 (botocore ships with boto3 on the CI image too). */
    static ServiceModel load() throws IOException, InterruptedException {
        return load("bedrock-runtime");
    }

    /** The model of another Bedrock service, e.g. {@code bedrock} (the control plane). */
    static ServiceModel load(String service) throws IOException, InterruptedException {
        Process python =
                new ProcessBuilder(
                                "python3",
                                "-c",
                                "import botocore,os;print(os.path.dirname(botocore.__file__))")
                        .redirectErrorStream(true)
                        .start();
        String dir =
                new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (python.waitFor() != 0) {
            throw new IllegalStateException(
                    "python3 cannot import botocore (pip install botocore): " + dir);
        }
        Path versions = Path.of(dir, "data", service);
        Path model;
        try (Stream<Path> list = Files.list(versions)) {
            Path newest = list.sorted().reduce((a, b) -> b).orElseThrow();
            model =
                    Files.exists(newest.resolve("service-2.json"))
                            ? newest.resolve("service-2.json")
                            : newest.resolve("service-2.json.gz");
        }
        try (InputStream in =
                model.toString().endsWith(".gz")
                        ? new GZIPInputStream(Files.newInputStream(model))
                        : Files.newInputStream(model)) {
            return new ServiceModel(Json.MAPPER.readTree(in).path("shapes"));
        }
    }

    JsonNode shape(String name) {
        JsonNode shape = shapes.get(name);
        if (shape == null) {
            throw new IllegalArgumentException("no shape " + name + " in the service model");
        }
        return shape;
    }

    /** The shape a member of a structure points to. */
    String memberShape(String structure, String member) {
        return shape(structure).path("members").path(member).path("shape").asText(null);
    }

    /** Every way {@code value} departs from shape {@code name}; empty when it conforms. */
    List<String> violations(JsonNode value, String name) {
        List<String> out = new ArrayList<>();
        check(value, name, "$", out);
        return out;
    }

    private void check(JsonNode value, String name, String path, List<String> out) {
        JsonNode shape = shape(name);
        if (shape.path("document").asBoolean()) {
            return; // a document shape holds any JSON value
        }
        String type = shape.path("type").asText();
        switch (type) {
            case "structure" -> structure(value, name, shape, path, out);
            case "list" -> {
                if (!value.isArray()) {
                    out.add(path + ": expected a list (" + name + ")");
                    return;
                }
                for (int i = 0; i < value.size(); i++) {
                    check(
                            value.get(i),
                            shape.path("member").path("shape").asText(),
                            path + "[" + i + "]",
                            out);
                }
            }
            case "map" -> {
                if (!value.isObject()) {
                    out.add(path + ": expected a map (" + name + ")");
                    return;
                }
                value.fields()
                        .forEachRemaining(
                                e ->
                                        check(
                                                e.getValue(),
                                                shape.path("value").path("shape").asText(),
                                                path + "." + e.getKey(),
                                                out));
            }
            case "string" -> {
                if (!value.isTextual()) {
                    out.add(path + ": expected a string (" + name + ")");
                } else if (shape.has("enum") && !contains(shape.get("enum"), value.asText())) {
                    out.add(
                            path
                                    + ": '"
                                    + value.asText()
                                    + "' is not in "
                                    + name
                                    + "'s enum "
                                    + shape.get("enum"));
                }
            }
            case "integer", "long" -> {
                if (!value.isIntegralNumber()) {
                    out.add(path + ": expected an integer (" + name + ")");
                }
            }
            case "float", "double" -> {
                if (!value.isNumber()) {
                    out.add(path + ": expected a number (" + name + ")");
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    out.add(path + ": expected a boolean (" + name + ")");
                }
            }
            case "blob" -> {
                if (!value.isTextual()) {
                    out.add(path + ": expected base64 text (" + name + ")");
                }
            }
            case "timestamp" -> {
                if (!value.isNumber() && !value.isTextual()) {
                    out.add(path + ": expected a timestamp (" + name + ")");
                }
            }
            default -> {
                // document: any JSON value
            }
        }
    }

    private void structure(
            JsonNode value, String name, JsonNode shape, String path, List<String> out) {
        if (!value.isObject()) {
            out.add(path + ": expected an object (" + name + ")");
            return;
        }
        JsonNode members = shape.path("members");
        int set = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode member = members.get(field.getKey());
            if (member == null) {
                out.add(path + "." + field.getKey() + ": not a member of " + name);
                continue;
            }
            set++;
            check(
                    field.getValue(),
                    member.path("shape").asText(),
                    path + "." + field.getKey(),
                    out);
        }
        for (JsonNode required : shape.path("required")) {
            if (!value.hasNonNull(required.asText())) {
                out.add(
                        path
                                + ": required member "
                                + required.asText()
                                + " of "
                                + name
                                + " is missing");
            }
        }
        if (shape.path("union").asBoolean() && set != 1) {
            out.add(path + ": a " + name + " union sets exactly one member, this one sets " + set);
        }
    }

    private static boolean contains(JsonNode array, String text) {
        for (JsonNode item : array) {
            if (item.asText().equals(text)) {
                return true;
            }
        }
        return false;
    }
}
