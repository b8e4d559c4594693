package dev.parley.tools.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.tools.Tool;
import dev.parley.tools.ToolContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;

@ApplicationScoped
public class CalculatorTool implements Tool {
    private static final JsonNode SCHEMA =
            Schemas.parse(
                    """
            {"type": "object",
             "properties": {"expression": {"type": "string", "minLength": 1, "maxLength": 500,
               "description": "Arithmetic with + - * / % ^ and parentheses, e.g. (12.5 + 7) * 3 ^ 2"}},
             "required": ["expression"], "additionalProperties": false}""");

    private final ObjectMapper mapper;

    CalculatorTool(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public String name() {
        return "calculator";
    }

    @Override
    public String description() {
        return "Evaluates an arithmetic expression exactly (decimal arithmetic). Use it for any calculation"
                + " instead of computing in your head.";
    }

    @Override
    public JsonNode inputSchema() {
        return SCHEMA;
    }

    @Override
    public JsonNode execute(JsonNode input, ToolContext context) {
        String expression = input.path("expression").asText();
        BigDecimal result = Calculator.evaluate(expression);
        return mapper.createObjectNode()
                .put("expression", expression)
                .put("result", result.toPlainString());
    }
}
