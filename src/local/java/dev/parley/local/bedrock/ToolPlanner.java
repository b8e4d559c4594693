package dev.parley.local.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.local.bedrock.Conversation.ToolChoice;
import dev.parley.local.bedrock.Conversation.ToolSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether the last user message asks for one of the offered tools and, if so, builds
 * the tool's input from its JSON schema and the message, the way a model would fill it.
 */
final class ToolPlanner {

    /** Words that say nothing about what a tool is for ("get_current_weather" is about weather). */
    private static final Set<String> GENERIC =
            Set.of(
                    "get",
                    "set",
                    "fetch",
                    "list",
                    "find",
                    "lookup",
                    "look",
                    "run",
                    "call",
                    "create",
                    "make",
                    "retrieve",
                    "read",
                    "write",
                    "update",
                    "delete",
                    "remove",
                    "add",
                    "tool",
                    "tools",
                    "api",
                    "current",
                    "info",
                    "information",
                    "data",
                    "details",
                    "detail",
                    "value",
                    "values",
                    "given",
                    "specified",
                    "specific",
                    "return",
                    "returns",
                    "provide",
                    "provides",
                    "result",
                    "results",
                    "request",
                    "input",
                    "output",
                    "function",
                    "based",
                    "string",
                    "number",
                    "name",
                    "latest",
                    "user",
                    "the",
                    "for",
                    "and",
                    "with");

    private static final Pattern PLACE =
            Pattern.compile(
                    "\\b(?:in|for|at|near)\\s+(\\p{Lu}[\\p{L}'.-]*(?:(?:\\s+|,\\s*)\\p{Lu}[\\p{L}'.-]*)*)");
    private static final Pattern PLACE_LOWER =
            Pattern.compile(
                    "\\b(?:in|for|at|near)\\s+(\\p{L}[\\p{L}' -]*?)\\s*(?:[?.!,;]|$|\\b(?:today|tomorrow|now|please)\\b)");
    private static final Pattern EXPRESSION =
            Pattern.compile(
                    "\\(?\\s*-?\\d+(?:\\.\\d+)?(?:\\s*[-+*/x\u00d7\u00f7^%]\\s*\\(?\\s*-?\\d+(?:\\.\\d+)?\\s*\\)?)+\\)?");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?");

    private ToolPlanner() {}

    /** The tool the message asks for, or null when it asks for none. */
    static ToolSpec choose(List<ToolSpec> tools, ToolChoice choice, String userText) {
        if (tools.isEmpty()) {
            return null;
        }
        if (choice.kind().equals("tool")) {
            return tools.stream()
                    .filter(t -> t.name().equals(choice.name()))
                    .findFirst()
                    .orElse(tools.get(0));
        }
        ToolSpec best = null;
        int bestScore = 0;
        for (ToolSpec tool : tools) {
            int score = score(tool, userText);
            if (score > bestScore) {
                best = tool;
                bestScore = score;
            }
        }
        return best != null || !choice.kind().equals("any") ? best : tools.get(0);
    }

    /**
     * Name mentioned: 3; a salient word of the name: 2 each; of the description: 1 each; an
     * arithmetic expression for a tool taking an expression: 2.
     */
    static int score(ToolSpec tool, String userText) {
        String lower = userText.toLowerCase(Locale.ROOT);
        Set<String> said = new HashSet<>();
        Text.words(userText).forEach(w -> said.add(Text.stem(w)));
        int score = 0;
        if (lower.contains(tool.name().toLowerCase(Locale.ROOT))
                || lower.contains(tool.name().toLowerCase(Locale.ROOT).replace('_', ' '))) {
            score += 3;
        }
        for (String word :
                salient(
                        tool.name()
                                .replaceAll("([a-z])([A-Z])", "$1 $2")
                                .replaceAll("[_\\-]", " "))) {
            score += said.contains(Text.stem(word)) ? 2 : 0;
        }
        for (String word : salient(tool.description())) {
            score += word.length() >= 4 && said.contains(Text.stem(word)) ? 1 : 0;
        }
        boolean takesExpression = false;
        for (var it = tool.inputSchema().path("properties").fieldNames(); it.hasNext(); ) {
            takesExpression |= isExpressionField(it.next());
        }
        if (takesExpression && expression(userText) != null) {
            score += 2;
        }
        return score;
    }

    private static Set<String> salient(String text) {
        Set<String> words = new HashSet<>(Text.contentWords(text));
        words.removeAll(GENERIC);
        return words;
    }

    /** The tool's input: required properties always, optional ones when the message names a value. */
    static ObjectNode input(ToolSpec tool, String userText) {
        ObjectNode input = Json.object();
        JsonNode schema = tool.inputSchema();
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        for (var fields = schema.path("properties").fields(); fields.hasNext(); ) {
            var field = fields.next();
            JsonNode value =
                    valueFor(
                            field.getKey(),
                            field.getValue(),
                            userText,
                            required.contains(field.getKey()));
            if (value != null) {
                input.set(field.getKey(), value);
            }
        }
        return input;
    }

    private static JsonNode valueFor(
            String name, JsonNode property, String text, boolean required) {
        var nodes = Json.MAPPER.getNodeFactory();
        JsonNode fallback = property.has("default") ? property.get("default") : null;
        if (property.has("enum")) {
            for (JsonNode option : property.get("enum")) {
                if (Text.words(text).contains(option.asText().toLowerCase(Locale.ROOT))) {
                    return option;
                }
            }
            return required ? (fallback != null ? fallback : property.get("enum").path(0)) : null;
        }
        String hint =
                (name + " " + property.path("description").asText("")).toLowerCase(Locale.ROOT);
        switch (property.path("type").asText("string")) {
            case "integer", "number" -> {
                Matcher number = NUMBER.matcher(text);
                if (number.find() && required) {
                    return property.path("type").asText().equals("integer")
                            ? nodes.numberNode((long) Double.parseDouble(number.group()))
                            : nodes.numberNode(Double.parseDouble(number.group()));
                }
                return required ? (fallback != null ? fallback : nodes.numberNode(0)) : null;
            }
            case "boolean" -> {
                return required ? (fallback != null ? fallback : nodes.booleanNode(false)) : null;
            }
            case "array" -> {
                return required ? Json.array() : null;
            }
            case "object" -> {
                return required ? Json.object() : null;
            }
            default -> {
                String found = null;
                if (hint.matches(
                        "(?s).*\\b(location|city|place|country|region|address|destination|town|where)\\b.*")) {
                    found = place(text);
                } else if (isExpressionField(name) || hint.contains("expression")) {
                    found = expression(text);
                }
                if (found != null) {
                    return nodes.textNode(found);
                }
                if (!required) {
                    return null;
                }
                return fallback != null
                        ? fallback
                        : nodes.textNode(Text.clip(text.replaceAll("[?!.\\s]+$", ""), 200));
            }
        }
    }

    private static boolean isExpressionField(String name) {
        return name.toLowerCase(Locale.ROOT).matches(".*(expression|formula|equation|math).*");
    }

    /** The place after "in"/"for"/"at"/"near": capitalised words preferred, e.g. "New York City". */
    static String place(String text) {
        String found = null;
        Matcher capitalised = PLACE.matcher(text);
        while (capitalised.find()) {
            found = capitalised.group(1);
        }
        if (found == null) {
            Matcher lower = PLACE_LOWER.matcher(text);
            while (lower.find()) {
                found = lower.group(1);
            }
        }
        return found == null ? null : found.replaceAll("[.,'\\s-]+$", "").strip();
    }

    /** The first arithmetic expression, with spoken operators ("7 times 6") turned into symbols. */
    static String expression(String text) {
        String spoken =
                text.replaceAll("(?i)\\s+(?:multiplied by|times)\\s+", " * ")
                        .replaceAll("(?i)\\s+divided by\\s+", " / ")
                        .replaceAll("(?i)\\s+plus\\s+", " + ")
                        .replaceAll("(?i)\\s+minus\\s+", " - ")
                        .replaceAll("(?i)\\s+to the power of\\s+", " ^ ");
        Matcher matcher = EXPRESSION.matcher(spoken);
        if (!matcher.find()) {
            return null;
        }
        String expression =
                matcher.group()
                        .strip()
                        .replace('\u00d7', '*')
                        .replace('\u00f7', '/')
                        .replaceAll("(?<=[\\d\\s)])x(?=[\\s\\d(])", "*");
        long open = expression.chars().filter(c -> c == '(').count();
        long close = expression.chars().filter(c -> c == ')').count();
        if (close > open && expression.endsWith(")")) {
            expression = expression.substring(0, expression.length() - 1).strip();
        } else if (open > close && expression.startsWith("(")) {
            expression = expression.substring(1).strip();
        }
        return expression;
    }
}
