package dev.parley.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.modelcall.CachePoints;
import dev.parley.modelcall.ChatMessage;
import dev.parley.modelcall.ContentBlock;
import dev.parley.modelcall.Grounding;
import dev.parley.modelcall.GuardrailConfig;
import dev.parley.modelcall.GuardrailOutcome;
import dev.parley.modelcall.InferenceSettings;
import dev.parley.modelcall.ModelCall;
import dev.parley.modelcall.ModelFeatures;
import dev.parley.modelcall.ModelReply;
import dev.parley.modelcall.ModelSpec;
import dev.parley.modelcall.OutputSchema;
import dev.parley.modelcall.ReasoningAsk;
import dev.parley.modelcall.ServiceTier;
import dev.parley.modelcall.ToolOptions;
import dev.parley.modelcall.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.bedrockruntime.model.AnyToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.AutoToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.CachePointBlock;
import software.amazon.awssdk.services.bedrockruntime.model.CachePointType;
import software.amazon.awssdk.services.bedrockruntime.model.CacheTTL;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock.Type;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.DocumentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.DocumentSource;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailConverseContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailConverseContentQualifier;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailConverseTextBlock;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailStreamConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailStreamProcessingMode;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailTrace;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailTraceAssessment;
import software.amazon.awssdk.services.bedrockruntime.model.ImageBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ImageSource;
import software.amazon.awssdk.services.bedrockruntime.model.InferenceConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.PromptRouterTrace;
import software.amazon.awssdk.services.bedrockruntime.model.ReasoningContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ReasoningTextBlock;
import software.amazon.awssdk.services.bedrockruntime.model.SpecificToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.TokenUsage;
import software.amazon.awssdk.services.bedrockruntime.model.Tool;
import software.amazon.awssdk.services.bedrockruntime.model.ToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.ToolConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.ToolInputSchema;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultStatus;
import software.amazon.awssdk.services.bedrockruntime.model.ToolSpecification;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlock;

/** The one place Parley's message types and the SDK's Converse types meet. Pure functions. */
public final class ConverseMapper {

    private ConverseMapper() {}

    public static ConverseRequest toRequest(ModelCall call) {
        List<ChatMessage> messages = call.messages();
        CachePoints cache = call.cachePoints();
        ConverseRequest.Builder request =
                ConverseRequest.builder()
                        .modelId(call.model().modelId())
                        .inferenceConfig(inference(call.inference()));
        if (call.system().isPresent()) {
            if (call.model().capabilities().system()) {
                List<SystemContentBlock> system = new ArrayList<>();
                system.add(SystemContentBlock.fromText(call.system().get()));
                if (cache.afterSystem()) {
                    system.add(SystemContentBlock.fromCachePoint(cachePoint(cache)));
                }
                request.system(system);
            } else {
                messages = withSystemInFirstMessage(call.system().get(), messages);
            }
        }
        call.tools().ifPresent(tools -> request.toolConfig(toolConfig(tools, cache)));
        ModelFields.of(call).ifPresent(request::additionalModelRequestFields);
        outputConfig(call).ifPresent(request::outputConfig);
        if (!call.controls().requestMetadata().isEmpty()) {
            request.requestMetadata(call.controls().requestMetadata());
        }
        call.controls()
                .serviceTier()
                .ifPresent(
                        tier ->
                                request.serviceTier(
                                        software.amazon.awssdk.services.bedrockruntime.model
                                                .ServiceTier.builder()
                                                .type(tier.wireName())
                                                .build()));
        call.guardrail()
                .ifPresent(
                        guardrail ->
                                request.guardrailConfig(
                                        GuardrailConfiguration.builder()
                                                .guardrailIdentifier(guardrail.identifier())
                                                .guardrailVersion(guardrail.version())
                                                // Always: Converse reports the guardrail's
                                                // billed units only in the trace; whether the
                                                // client sees it is guardrail.trace().
                                                .trace(GuardrailTrace.ENABLED)
                                                .build()));
        List<Message> sdkMessages = new ArrayList<>();
        // With a guardrail, the newest user text goes as guardContent: the guardrail assesses only
        // the
        // new input, not the history it already let through (nor the system prompt, which Parley
        // writes).
        int guarded =
                call.guardrail().isPresent()
                                && !messages.isEmpty()
                                && messages.get(messages.size() - 1).role() == ChatMessage.Role.USER
                        ? messages.size() - 1
                        : -1;
        for (int i = 0; i < messages.size(); i++) {
            sdkMessages.add(
                    toSdk(
                            messages.get(i),
                            i == cache.afterMessage() ? cache : null,
                            i == guarded,
                            call.grounding()));
        }
        return request.messages(sdkMessages).build();
    }

    /** The same request for ConverseStream (the SDK has a separate request type with the same fields). */
    /** Whether the client is shown the guardrail's trace (parley.guardrails.trace). */
    static boolean showsTrace(ModelCall call) {
        return call.guardrail().map(GuardrailConfig::trace).orElse(false);
    }

    public static ConverseStreamRequest toStreamRequest(ModelCall call) {
        ConverseRequest request = toRequest(call);
        ConverseStreamRequest.Builder stream =
                ConverseStreamRequest.builder()
                        .modelId(request.modelId())
                        .messages(request.messages())
                        .system(request.system())
                        .inferenceConfig(request.inferenceConfig())
                        .toolConfig(request.toolConfig())
                        .additionalModelRequestFields(request.additionalModelRequestFields())
                        .outputConfig(request.outputConfig())
                        .requestMetadata(request.requestMetadata())
                        .serviceTier(request.serviceTier());
        call.guardrail()
                .ifPresent(
                        guardrail ->
                                stream.guardrailConfig(
                                        GuardrailStreamConfiguration.builder()
                                                .guardrailIdentifier(guardrail.identifier())
                                                .guardrailVersion(guardrail.version())
                                                // Always: Converse reports the guardrail's
                                                // billed units only in the trace; whether the
                                                // client sees it is guardrail.trace().
                                                .trace(GuardrailTrace.ENABLED)
                                                .streamProcessingMode(
                                                        guardrail.asyncStream()
                                                                ? GuardrailStreamProcessingMode
                                                                        .ASYNC
                                                                : GuardrailStreamProcessingMode
                                                                        .SYNC)
                                                .build()));
        return stream.build();
    }

    /**
     * Anthropic's thinking, which Bedrock takes in {@code additionalModelRequestFields}: a budget
     * ({@code thinking.type: enabled}, {@code budget_tokens}) for the models that think that way, or
     * adaptive thinking ({@code thinking.type: adaptive}) whose effort goes in Converse's own
     * {@code outputConfig.effort} (Claude 4.6 and later; Bedrock's "Adaptive thinking" page
     * recommends it over a budget, and Opus 4.7 and the Claude 5 generation refuse a budget). The
     * capability stage's reasoning policy has already put the ask in the form the model takes.
     */
    static Document thinking(ReasoningAsk ask) {
        if (ask instanceof ReasoningAsk.Budget budget) {
            return Document.fromMap(
                    Map.of(
                            "thinking",
                            Document.fromMap(
                                    Map.of(
                                            "type", Document.fromString("enabled"),
                                            "budget_tokens",
                                                    Document.fromNumber(budget.tokens())))));
        }
        return Document.fromMap(
                Map.of(
                        "thinking",
                        Document.fromMap(Map.of("type", Document.fromString("adaptive")))));
    }

    private static software.amazon.awssdk.services.bedrockruntime.model.ContentBlock guardContent(
            String text, GuardrailConverseContentQualifier qualifier) {
        return software.amazon.awssdk.services.bedrockruntime.model.ContentBlock.fromGuardContent(
                GuardrailConverseContentBlock.fromText(
                        GuardrailConverseTextBlock.builder()
                                .text(text)
                                .qualifiers(qualifier)
                                .build()));
    }

    /**
     * A cache point; {@code ttl: "1h"} only when the call asks for it (the prompt-cache stage asks only
     * on models that take it): Bedrock reads any ttl, even "5m", as extended-TTL caching, which Nova
     * refuses ("Extended TTL prompt caching is only supported for Anthropic models").
     */
    private static CachePointBlock cachePoint(CachePoints points) {
        CachePointBlock.Builder point = CachePointBlock.builder().type(CachePointType.DEFAULT);
        if (points.oneHour()) {
            point.ttl(CacheTTL.VALUE_1_H);
        }
        return point.build();
    }

    public static ModelReply toReply(ModelSpec model, ConverseResponse response) {
        return toReply(model, response, false);
    }

    /**
     * The reply; {@code showTrace}: the guardrail's assessments go into its outcome (the trace is
     * always requested, for the units; the client sees it only when the deployment says so).
     */
    public static ModelReply toReply(
            ModelSpec model, ConverseResponse response, boolean showTrace) {
        Message message = response.output() == null ? null : response.output().message();
        List<ContentBlock> content = new ArrayList<>();
        if (message != null) {
            for (var block : message.content()) {
                if (block.type() == Type.TEXT) {
                    content.add(new ContentBlock.Text(block.text()));
                } else if (block.type() == Type.TOOL_USE) {
                    ToolUseBlock use = block.toolUse();
                    content.add(
                            new ContentBlock.ToolUse(
                                    use.toolUseId(), use.name(), DocumentJson.toJson(use.input())));
                } else if (block.type() == Type.REASONING_CONTENT) {
                    reasoning(block.reasoningContent()).ifPresent(content::add);
                }
                // Other block types (citations, guard content echoes) are not part of Parley's
                // replies.
            }
        }
        long latency =
                response.metrics() == null || response.metrics().latencyMs() == null
                        ? 0
                        : response.metrics().latencyMs();
        return new ModelReply(
                        model,
                        new ChatMessage(ChatMessage.Role.ASSISTANT, content),
                        response.stopReasonAsString(),
                        usage(response.usage()),
                        latency,
                        guardrailOutcome(
                                response.stopReasonAsString(),
                                showTrace && response.trace() != null
                                        ? response.trace().guardrail()
                                        : null),
                        false)
                .servedOn(serviceTier(response.serviceTier()))
                .answeredBy(
                        invokedModelId(
                                response.trace() == null ? null : response.trace().promptRouter()))
                .withGuardrailUnits(
                        GuardrailAssessments.units(
                                response.trace() == null ? null : response.trace().guardrail()));
    }

    /** A prompt router's answer names the model that answered ({@code trace.promptRouter.invokedModelId}). */
    static Optional<String> invokedModelId(PromptRouterTrace router) {
        return router == null
                        || router.invokedModelId() == null
                        || router.invokedModelId().isBlank()
                ? Optional.empty()
                : Optional.of(router.invokedModelId());
    }

    /**
     * What the guardrail did: intervened, as the stop reason tells it, with the trace's assessments
     * (mapped into the guardrails feature's records) when the deployment shows the trace.
     */
    static Optional<GuardrailOutcome> guardrailOutcome(
            String stopReason, GuardrailTraceAssessment trace) {
        return "guardrail_intervened".equals(stopReason)
                ? Optional.of(
                        new GuardrailOutcome("INTERVENED", GuardrailAssessments.traceJson(trace)))
                : Optional.empty();
    }

    /** The tier Bedrock says it served the call on (absent from answers that predate service tiers). */
    static Optional<ServiceTier> serviceTier(
            software.amazon.awssdk.services.bedrockruntime.model.ServiceTier tier) {
        return tier == null || tier.typeAsString() == null
                ? Optional.empty()
                : ServiceTier.parse(tier.typeAsString());
    }

    static Optional<ContentBlock> reasoning(ReasoningContentBlock block) {
        if (block == null) {
            return Optional.empty();
        }
        if (block.reasoningText() != null) {
            return Optional.of(
                    new ContentBlock.Reasoning(
                            block.reasoningText().text(), block.reasoningText().signature()));
        }
        if (block.redactedContent() != null) {
            return Optional.of(
                    new ContentBlock.RedactedReasoning(block.redactedContent().asByteArray()));
        }
        return Optional.empty();
    }

    /**
     * Converse's {@code outputConfig}: the effort of adaptive thinking ({@code effort}: low, medium,
     * high, xhigh, max) and the structured output ({@code textFormat}); empty when the call asks neither.
     */
    static Optional<software.amazon.awssdk.services.bedrockruntime.model.OutputConfig> outputConfig(
            ModelCall call) {
        // Nova 2's effort goes in its reasoningConfig (ModelFields), not in Converse's
        // outputConfig.
        Optional<String> effort =
                call.model().capabilities().reasoningMode() == ModelFeatures.Reasoning.EFFORT
                        ? Optional.empty()
                        : call.reasoningEffort();
        if (effort.isEmpty() && call.outputSchema().isEmpty()) {
            return Optional.empty();
        }
        var config = software.amazon.awssdk.services.bedrockruntime.model.OutputConfig.builder();
        effort.ifPresent(config::effort);
        call.outputSchema().ifPresent(schema -> config.textFormat(textFormat(schema)));
        return Optional.of(config.build());
    }

    /** Converse's {@code outputConfig.textFormat}: the schema goes as a JSON string, as Bedrock takes it. */
    static software.amazon.awssdk.services.bedrockruntime.model.OutputFormat textFormat(
            OutputSchema schema) {
        var definition =
                software.amazon.awssdk.services.bedrockruntime.model.JsonSchemaDefinition.builder()
                        .name(schema.name())
                        .schema(schema.schema().toString());
        schema.description().ifPresent(definition::description);
        return software.amazon.awssdk.services.bedrockruntime.model.OutputFormat.builder()
                .type(
                        software.amazon.awssdk.services.bedrockruntime.model.OutputFormatType
                                .JSON_SCHEMA)
                .structure(
                        software.amazon.awssdk.services.bedrockruntime.model.OutputFormatStructure
                                .fromJsonSchema(definition.build()))
                .build();
    }

    static ToolConfiguration toolConfig(ToolOptions options, CachePoints cache) {
        List<Tool> tools =
                new ArrayList<>(
                        options.tools().stream()
                                .map(
                                        tool -> {
                                            ToolSpecification.Builder spec =
                                                    ToolSpecification.builder()
                                                            .name(tool.name())
                                                            .description(tool.description())
                                                            .inputSchema(
                                                                    ToolInputSchema.fromJson(
                                                                            DocumentJson.toDocument(
                                                                                    tool
                                                                                            .inputSchema())));
                                            // toolSpec.strict only where Bedrock takes it (the
                                            // feature matrix's structuredOutput column).
                                            if (tool.strict()) {
                                                spec.strict(true);
                                            }
                                            return Tool.fromToolSpec(spec.build());
                                        })
                                .toList());
        if (cache.afterTools()) {
            tools.add(Tool.fromCachePoint(cachePoint(cache)));
        }
        ToolChoice choice =
                switch (options.choice().mode()) {
                    case AUTO -> ToolChoice.fromAuto(AutoToolChoice.builder().build());
                    case ANY -> ToolChoice.fromAny(AnyToolChoice.builder().build());
                    case TOOL ->
                            ToolChoice.fromTool(
                                    SpecificToolChoice.builder()
                                            .name(options.choice().toolName().orElseThrow())
                                            .build());
                };
        return ToolConfiguration.builder().tools(tools).toolChoice(choice).build();
    }

    /** Models without system prompt support get the instructions in front of the first user message. */
    private static List<ChatMessage> withSystemInFirstMessage(
            String system, List<ChatMessage> messages) {
        List<ChatMessage> copy = new ArrayList<>(messages);
        if (!copy.isEmpty()) {
            List<ContentBlock> content = new ArrayList<>();
            content.add(new ContentBlock.Text(system + "\n\n"));
            content.addAll(copy.get(0).content());
            copy.set(0, new ChatMessage(copy.get(0).role(), content));
        }
        return copy;
    }

    static Usage usage(TokenUsage usage) {
        if (usage == null) {
            return Usage.NONE;
        }
        return new Usage(
                orZero(usage.inputTokens()),
                orZero(usage.outputTokens()),
                orZero(usage.totalTokens()),
                orZero(usage.cacheReadInputTokens()),
                orZero(usage.cacheWriteInputTokens()),
                oneHourWrites(usage));
    }

    /**
     * The cache writes made with the one-hour TTL: Converse's {@code usage.cacheDetails} splits the
     * writes by TTL ({@code CacheDetail}: ttl {@code 5m} or {@code 1h}, inputTokens), because
     * Bedrock bills the two at different prices. Absent (no writes, or an older answer): none.
     */
    static int oneHourWrites(TokenUsage usage) {
        return usage.cacheDetails().stream()
                .filter(detail -> "1h".equals(detail.ttlAsString()))
                .mapToInt(detail -> orZero(detail.inputTokens()))
                .sum();
    }

    /** A message; {@code cache} non-null puts a cache point after its blocks. */
    /**
     * {@code guardText}: the message's text goes as {@code guardContent}; when it is the call's
     * grounding prompt, as two blocks the contextual grounding check reads, the query
     * ({@code query}) and the source ({@code grounding_source}), which the model reads as the same
     * prompt.
     */
    private static Message toSdk(
            ChatMessage message,
            CachePoints cache,
            boolean guardText,
            Optional<Grounding> grounding) {
        List<software.amazon.awssdk.services.bedrockruntime.model.ContentBlock> blocks =
                new ArrayList<>();
        for (ContentBlock block : message.content()) {
            if (guardText
                    && block instanceof ContentBlock.Text text
                    && grounding.filter(g -> g.prompt().equals(text.text())).isPresent()) {
                blocks.add(
                        guardContent(
                                grounding.get().query(), GuardrailConverseContentQualifier.QUERY));
                blocks.add(
                        guardContent(
                                grounding.get().source(),
                                GuardrailConverseContentQualifier.GROUNDING_SOURCE));
                continue;
            }
            blocks.add(
                    guardText && block instanceof ContentBlock.Text text
                            ? guardContent(
                                    text.text(), GuardrailConverseContentQualifier.GUARD_CONTENT)
                            : toSdk(block));
        }
        if (cache != null) {
            blocks.add(
                    software.amazon.awssdk.services.bedrockruntime.model.ContentBlock
                            .fromCachePoint(cachePoint(cache)));
        }
        return Message.builder()
                .role(
                        message.role() == ChatMessage.Role.USER
                                ? ConversationRole.USER
                                : ConversationRole.ASSISTANT)
                .content(blocks)
                .build();
    }

    static software.amazon.awssdk.services.bedrockruntime.model.ContentBlock toSdk(
            ContentBlock block) {
        if (block instanceof ContentBlock.Text text) {
            return software.amazon.awssdk.services.bedrockruntime.model.ContentBlock.fromText(
                    text.text());
        }
        if (block instanceof ContentBlock.ToolUse use) {
            return software.amazon.awssdk.services.bedrockruntime.model.ContentBlock.fromToolUse(
                    ToolUseBlock.builder()
                            .toolUseId(use.toolUseId())
                            .name(use.name())
                            .input(DocumentJson.toDocument(use.input()))
                            .build());
        }
        if (block instanceof ContentBlock.ToolResult result) {
            List<ToolResultContentBlock> content = new ArrayList<>();
            for (JsonNode item : result.content()) {
                content.add(
                        item.has("json")
                                ? ToolResultContentBlock.fromJson(
                                        DocumentJson.toDocument(item.get("json")))
                                : ToolResultContentBlock.fromText(item.path("text").asText()));
            }
            return software.amazon.awssdk.services.bedrockruntime.model.ContentBlock.fromToolResult(
                    ToolResultBlock.builder()
                            .toolUseId(result.toolUseId())
                            .content(content)
                            .status(
                                    result.status() == ContentBlock.ToolResult.Status.ERROR
                                            ? ToolResultStatus.ERROR
                                            : ToolResultStatus.SUCCESS)
                            .build());
        }
        if (block instanceof ContentBlock.Image image) {
            return software.amazon.awssdk.services.bedrockruntime.model.ContentBlock.fromImage(
                    ImageBlock.builder()
                            .format(image.format())
                            .source(ImageSource.fromBytes(SdkBytes.fromByteArray(image.bytes())))
                            .build());
        }
        if (block instanceof ContentBlock.Reasoning reasoning) {
            return software.amazon.awssdk.services.bedrockruntime.model.ContentBlock
                    .fromReasoningContent(
                            ReasoningContentBlock.fromReasoningText(
                                    ReasoningTextBlock.builder()
                                            .text(reasoning.text())
                                            .signature(reasoning.signature())
                                            .build()));
        }
        if (block instanceof ContentBlock.RedactedReasoning redacted) {
            return software.amazon.awssdk.services.bedrockruntime.model.ContentBlock
                    .fromReasoningContent(
                            ReasoningContentBlock.fromRedactedContent(
                                    SdkBytes.fromByteArray(redacted.data())));
        }
        ContentBlock.Document document = (ContentBlock.Document) block;
        return software.amazon.awssdk.services.bedrockruntime.model.ContentBlock.fromDocument(
                DocumentBlock.builder()
                        .format(document.format())
                        .name(document.name())
                        .source(DocumentSource.fromBytes(SdkBytes.fromByteArray(document.bytes())))
                        .build());
    }

    private static InferenceConfiguration inference(InferenceSettings settings) {
        InferenceConfiguration.Builder config = InferenceConfiguration.builder();
        settings.temperature().ifPresent(t -> config.temperature(t.floatValue()));
        settings.topP().ifPresent(p -> config.topP(p.floatValue()));
        settings.maxTokens().ifPresent(config::maxTokens);
        if (!settings.stopSequences().isEmpty()) {
            config.stopSequences(settings.stopSequences());
        }
        return config.build();
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
