package dev.parley.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.error.ParleyException;
import java.util.Optional;

/**
 * Typed reads of a JSON request's fields, for every dialect: Parley's own ({@link JsonFields}),
 * OpenAI's ({@code openai/Params}) and Anthropic's ({@code anthropic/Fields}). The checks are the
 * same everywhere; each dialect words its refusals its own way ({@link Wording}) and names the field
 * by its own path, which its error shape shows ({@link ParleyException#param()}).
 */
public final class TypedJson {

    /** How a dialect words a refusal about the field at {@code path}. */
    public interface Wording {
        ParleyException missing(String path);

        /** {@code expected} is "a string", "a number", "an integer", "a boolean", ... */
        ParleyException wrongType(String path, String expected, JsonNode actual);

        ParleyException outOfRange(String path, JsonNode value, Number min, Number max);

        /** Text that holds nothing but white space where something must be said. */
        default ParleyException blank(String path) {
            return ParleyException.invalidParam(path, path + " must not be blank");
        }
    }

    private final Wording wording;
    private final boolean wholeNumbersAreIntegers;

    /**
     * @param wholeNumbersAreIntegers whether {@code 2.0} is read as the integer 2 (Parley's API) or
     *     refused as not an integer (OpenAI's and Anthropic's)
     */
    public TypedJson(Wording wording, boolean wholeNumbersAreIntegers) {
        this.wording = wording;
        this.wholeNumbersAreIntegers = wholeNumbersAreIntegers;
    }

    public Wording wording() {
        return wording;
    }

    /** The field, unless absent or null. */
    public static Optional<JsonNode> present(JsonNode parent, String name) {
        JsonNode value = parent.get(name);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    public Optional<String> string(JsonNode parent, String name, String path) {
        return present(parent, name)
                .map(
                        value -> {
                            if (!value.isTextual()) {
                                throw wording.wrongType(path, "a string", value);
                            }
                            return value.textValue();
                        });
    }

    public String requiredString(JsonNode parent, String name, String path) {
        return string(parent, name, path).orElseThrow(() -> wording.missing(path));
    }

    /** A string field that must hold something other than white space. */
    public String requiredText(JsonNode parent, String name, String path) {
        return nonBlank(requiredString(parent, name, path), path);
    }

    /** {@code text}, unless it is only white space. */
    public String nonBlank(String text, String path) {
        if (text.isBlank()) {
            throw wording.blank(path);
        }
        return text;
    }

    /** {@code value} (a field's or an array's element), which must be a JSON object. */
    public JsonNode object(JsonNode value, String path) {
        if (!value.isObject()) {
            throw wording.wrongType(path, "an object", value);
        }
        return value;
    }

    /** {@code value} (a field's or an array's element), which must be a JSON array. */
    public JsonNode array(JsonNode value, String path) {
        if (!value.isArray()) {
            throw wording.wrongType(path, "an array", value);
        }
        return value;
    }

    /**
     * The refusal of {@code actual} at {@code path} where {@code expected} (a dialect's own words
     * for a union: "a string or an array of strings") belongs.
     */
    public ParleyException wrongType(String path, String expected, JsonNode actual) {
        return wording.wrongType(path, expected, actual);
    }

    public Optional<Double> number(
            JsonNode parent, String name, String path, double min, double max) {
        return present(parent, name)
                .map(
                        value -> {
                            if (!value.isNumber()) {
                                throw wording.wrongType(path, "a number", value);
                            }
                            double number = value.doubleValue();
                            if (number < min || number > max || Double.isNaN(number)) {
                                throw wording.outOfRange(path, value, min, max);
                            }
                            return number;
                        });
    }

    public Optional<Integer> integer(JsonNode parent, String name, String path, int min, int max) {
        return present(parent, name)
                .map(
                        value -> {
                            boolean whole =
                                    value.isIntegralNumber()
                                            || wholeNumbersAreIntegers
                                                    && value.isNumber()
                                                    && value.doubleValue()
                                                            == Math.rint(value.doubleValue());
                            if (!whole || !wholeNumbersAreIntegers && !value.canConvertToInt()) {
                                throw wording.wrongType(path, "an integer", value);
                            }
                            if (!value.canConvertToInt()
                                    || value.intValue() < min
                                    || value.intValue() > max) {
                                throw wording.outOfRange(path, value, min, max);
                            }
                            return value.intValue();
                        });
    }

    public Optional<Boolean> bool(JsonNode parent, String name, String path) {
        return present(parent, name)
                .map(
                        value -> {
                            if (!value.isBoolean()) {
                                throw wording.wrongType(path, "a boolean", value);
                            }
                            return value.booleanValue();
                        });
    }

    /** A JSON value's type as refusals name it ("an array", "a string", "null", ...). */
    public static String typeName(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL, MISSING -> "null";
            case BINARY -> "binary data";
        };
    }
}
