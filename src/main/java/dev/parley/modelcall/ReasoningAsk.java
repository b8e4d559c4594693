package dev.parley.modelcall;

import java.util.Locale;

/**
 * The reasoning a request asks for, in Parley's terms: a thinking budget in tokens, or an effort
 * level ({@code minimal}, {@code low}, {@code medium}, {@code high}, {@code xhigh}, {@code max}).
 * Edges translate their syntax into one of these; the capability stage's reasoning policy turns
 * it into the form the model takes (a budget for Claude 3.7 to 4.5, an effort for Claude 4.6 and
 * later) before Bedrock is called, so after that stage the ask is what goes on the wire.
 */
public sealed interface ReasoningAsk {

    /** Extended thinking with {@code tokens} to think in (Anthropic's {@code budget_tokens}). */
    record Budget(int tokens) implements ReasoningAsk {}

    /** Thinking at an effort level: lower case, one of {@link dev.parley.modelcall.ReasoningAsk.Effort#LEVELS}. */
    record Effort(String level) implements ReasoningAsk {
        /** Every effort level an edge may send, lowest first. */
        public static final java.util.List<String> LEVELS =
                java.util.List.of("minimal", "low", "medium", "high", "xhigh", "max");

        public Effort {
            level = level.toLowerCase(Locale.ROOT);
        }
    }
}
