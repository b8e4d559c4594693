package dev.parley.summarize;

import dev.parley.error.ParleyException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** How a summary should read; each style is one instruction in the prompt. */
public enum SummaryStyle {
    CONCISE("concise", "in a short paragraph of two to four sentences"),
    BULLETS(
            "bullets",
            "as a list of three to seven bullet points, one per line, each starting with \"- \""),
    DETAILED(
            "detailed",
            "in a detailed summary of several paragraphs that keeps every key point, figure and name"),
    ONE_SENTENCE("one-sentence", "in exactly one sentence");

    private final String wireName;
    private final String instruction;

    SummaryStyle(String wireName, String instruction) {
        this.wireName = wireName;
        this.instruction = instruction;
    }

    public String wireName() {
        return wireName;
    }

    String instruction() {
        return instruction;
    }

    public static SummaryStyle parse(String value) {
        for (SummaryStyle style : values()) {
            if (style.wireName.equals(value)) {
                return style;
            }
        }
        throw ParleyException.validation(
                "style must be one of "
                        + Arrays.stream(values())
                                .map(SummaryStyle::wireName)
                                .collect(Collectors.joining(", "))
                        + "; got '"
                        + value
                        + "'");
    }
}
