package dev.parley.tools.builtin;

import dev.parley.tools.ToolException;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Exact decimal arithmetic over {@code + - * / % ^}, parentheses and unary minus, with a small
 * recursive-descent parser: no script engine, no reflection. Hostile input is bounded: length,
 * nesting depth, exponent and result size are all capped.
 *
 * <pre>
 * expression = term { ("+" | "-") term }
 * term       = power { ("*" | "/" | "%") power }
 * power      = unary [ "^" power ]            (right-associative)
 * unary      = "-" unary | "+" unary | primary
 * primary    = number | "(" expression ")"
 * </pre>
 */
public final class Calculator {
    static final int MAX_LENGTH = 500;
    static final int MAX_DEPTH = 64;
    static final int MAX_EXPONENT = 1000;
    static final int MAX_DIGITS = 1000;
    private static final MathContext PRECISION = MathContext.DECIMAL128;

    private final String text;
    private int pos;
    private int depth;

    private Calculator(String text) {
        this.text = text;
    }

    public static BigDecimal evaluate(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new ToolException("the expression is empty");
        }
        if (expression.length() > MAX_LENGTH) {
            throw new ToolException("the expression is longer than " + MAX_LENGTH + " characters");
        }
        Calculator parser = new Calculator(expression);
        BigDecimal value = parser.expression();
        parser.skipSpaces();
        if (parser.pos < expression.length()) {
            throw parser.error("unexpected '" + expression.charAt(parser.pos) + "'");
        }
        return value.stripTrailingZeros();
    }

    private BigDecimal expression() {
        BigDecimal value = term();
        while (true) {
            if (accept('+')) {
                value = checked(value.add(term(), PRECISION));
            } else if (accept('-')) {
                value = checked(value.subtract(term(), PRECISION));
            } else {
                return value;
            }
        }
    }

    private BigDecimal term() {
        BigDecimal value = power();
        while (true) {
            if (accept('*')) {
                value = checked(value.multiply(power(), PRECISION));
            } else if (accept('/')) {
                BigDecimal divisor = power();
                if (divisor.signum() == 0) {
                    throw new ToolException("division by zero");
                }
                value = checked(value.divide(divisor, PRECISION));
            } else if (accept('%')) {
                BigDecimal divisor = power();
                if (divisor.signum() == 0) {
                    throw new ToolException("division by zero");
                }
                value = checked(value.remainder(divisor, PRECISION));
            } else {
                return value;
            }
        }
    }

    private BigDecimal power() {
        BigDecimal base = unary();
        if (!accept('^')) {
            return base;
        }
        BigDecimal exponent = nested(this::power);
        int n;
        try {
            n = exponent.intValueExact();
        } catch (ArithmeticException e) {
            throw new ToolException("exponents must be whole numbers");
        }
        if (Math.abs(n) > MAX_EXPONENT) {
            throw new ToolException("exponents are limited to ±" + MAX_EXPONENT);
        }
        if (n < 0 && base.signum() == 0) {
            throw new ToolException("division by zero");
        }
        return checked(
                n >= 0
                        ? base.pow(n, PRECISION)
                        : BigDecimal.ONE.divide(base.pow(-n, PRECISION), PRECISION));
    }

    private BigDecimal unary() {
        if (accept('-')) {
            return nested(this::unary).negate();
        }
        if (accept('+')) {
            return nested(this::unary);
        }
        return primary();
    }

    private BigDecimal primary() {
        if (accept('(')) {
            BigDecimal value = nested(this::expression);
            if (!accept(')')) {
                throw error("missing ')'");
            }
            return value;
        }
        skipSpaces();
        int start = pos;
        while (pos < text.length()
                && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
            pos++;
        }
        if (start == pos) {
            throw error(
                    pos < text.length()
                            ? "unexpected '" + text.charAt(pos) + "'"
                            : "the expression ends too early");
        }
        try {
            return new BigDecimal(text.substring(start, pos));
        } catch (NumberFormatException e) {
            throw error("'" + text.substring(start, pos) + "' is not a number");
        }
    }

    private BigDecimal nested(java.util.function.Supplier<BigDecimal> rule) {
        if (++depth > MAX_DEPTH) {
            throw new ToolException(
                    "the expression is nested more than " + MAX_DEPTH + " levels deep");
        }
        try {
            return rule.get();
        } finally {
            depth--;
        }
    }

    private boolean accept(char symbol) {
        skipSpaces();
        if (pos < text.length() && text.charAt(pos) == symbol) {
            pos++;
            return true;
        }
        return false;
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private static BigDecimal checked(BigDecimal value) {
        if (value.precision() - value.scale() > MAX_DIGITS) {
            throw new ToolException("the result has more than " + MAX_DIGITS + " digits");
        }
        return value;
    }

    private ToolException error(String what) {
        return new ToolException(
                "cannot read the expression at position " + (pos + 1) + ": " + what);
    }
}
