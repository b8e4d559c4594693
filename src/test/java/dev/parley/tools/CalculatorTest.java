package dev.parley.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.tools.builtin.Calculator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The calculator's own parser, on valid and on hostile expressions. */
class CalculatorTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "1 + 2 | 3",
                "0.1 + 0.2 | 0.3",
                "2 + 3 * 4 | 14",
                "(2 + 3) * 4 | 20",
                "2 ^ 3 ^ 2 | 512",
                "-2 ^ 2 | 4",
                "10 / 4 | 2.5",
                "1 / 3 | 0.3333333333333333333333333333333333",
                "10 % 4 | 2",
                "-(3 - 5) | 2",
                "2 ^ -2 | 0.25",
                "  7  | 7",
                "1.50 * 2 | 3",
                "12345678901234567890 * 10 | 123456789012345678900"
            })
    void evaluates(String expression, String expected) {
        assertEquals(expected, Calculator.evaluate(expression).toPlainString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1 / 0", "5 % 0", "0 ^ -1"})
    void divisionByZeroIsAClearError(String expression) {
        ToolException e = assertThrows(ToolException.class, () -> Calculator.evaluate(expression));
        assertEquals("division by zero", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   ",
                "1 +",
                "(1 + 2",
                "1 + 2)",
                "2 ** 3",
                "abc",
                "1..2",
                "java.lang.Runtime",
                "1; DROP TABLE x",
                "Math.exp(1)",
                "2 ^ 0.5",
                "9 ^ 99999",
                "1e10"
            })
    void rejectsMalformedExpressions(String expression) {
        ToolException e = assertThrows(ToolException.class, () -> Calculator.evaluate(expression));
        assertTrue(!e.getMessage().isBlank());
    }

    @org.junit.jupiter.api.Test
    void boundsHostileInput() {
        assertThrows(
                ToolException.class,
                () -> Calculator.evaluate("(".repeat(100) + "1" + ")".repeat(100)));
        assertThrows(ToolException.class, () -> Calculator.evaluate("1+".repeat(300) + "1"));
        ToolException huge =
                assertThrows(
                        ToolException.class, () -> Calculator.evaluate("(10 ^ 900) * (10 ^ 900)"));
        assertTrue(huge.getMessage().contains("digits"), huge.getMessage());
        assertThrows(ToolException.class, () -> Calculator.evaluate("-".repeat(200) + "1"));
    }
}
