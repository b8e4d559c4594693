package dev.parley.guardrails;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/** Amazon Bedrock Guardrails for Parley's model calls (docs/guardrails.md). Off by default. */
@ConfigMapping(prefix = "parley.guardrails")
public interface GuardrailSettings {

    /** Apply the guardrail. Needs {@link #identifier()}. */
    @WithDefault("false")
    boolean enabled();

    /** The guardrail's id or ARN. */
    Optional<String> identifier();

    /** A version number, or {@code DRAFT} (the working copy; fine for trying things, not for production). */
    @WithDefault("DRAFT")
    String version();

    /** Ask Bedrock for the guardrail's assessments and include them in answers the guardrail intervened in. */
    @WithDefault("false")
    boolean trace();

    /**
     * ConverseStream: {@code sync} holds each chunk until the guardrail has checked it; {@code async}
     * sends chunks at once and checks them alongside (faster first text, but blocked text may already
     * have been shown, and PII cannot be masked).
     */
    @WithDefault("sync")
    StreamMode streamProcessingMode();

    /** Routes whose model calls carry the guardrail; {@code openai} covers every {@code openai.*} route. */
    @WithDefault("summarize,chat,tools,compare,stream,documents,openai,anthropic,invoke")
    List<String> routes();

    /** Check every tool output with ApplyGuardrail before the model reads it (Converse's guardrail does not). */
    @WithDefault("true")
    boolean checkToolOutput();

    /** Check an uploaded document's text with ApplyGuardrail before summarizing it. */
    @WithDefault("true")
    boolean checkDocuments();

    /** ApplyGuardrail content block size: longer text is sent as several blocks of at most this many characters. */
    @WithDefault("5000")
    int maxBlockChars();

    enum StreamMode {
        sync,
        async
    }
}
