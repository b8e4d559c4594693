package dev.parley.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.model.AnyToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.AutoToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock.Type;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InferenceConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.DocumentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.DocumentSource;
import software.amazon.awssdk.services.bedrockruntime.model.TokenUsage;
import software.amazon.awssdk.services.bedrockruntime.model.SpecificToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.Tool;
import software.amazon.awssdk.services.bedrockruntime.model.ToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.ToolConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.ToolInputSchema;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolSpecification;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultStatus;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlock;

/** The one place Parley's message types and the SDK's Converse types meet. Pure functions. */
public final class ConverseMapper {

    private ConverseMapper() {
    }

    public static ConverseRequest toRequest(ModelCall call) {
        List<ChatMessage> messages = call.messages();
        ConverseRequest.Builder request = ConverseRequest.builder()
                .modelId(call.model().modelId())
                .inferenceConfig(inference(call.inference()));
        if (call.system().isPresent()) {
            if (call.model().capabilities().system()) {
                request.system(SystemContentBlock.fromText(call.system().get()));
            } else {
                messages = withSystemInFirstMessage(call.system().get(), messages);
            }
        }
        call.tools().ifPresent(tools -> request.toolConfig(toolConfig(tools)));
        return request.messages(messages.stream().map(ConverseMapper::toSdk).toList()).build();
    }

    /** The same request for ConverseStream (the SDK has a separate request type with the same fields). */
    public static ConverseStreamRequest toStreamRequest(ModelCall call) {
        ConverseRequest request = toRequest(call);
        return ConverseStreamRequest.builder().modelId(request.modelId()).messages(request.messages())
                .system(request.system()).inferenceConfig(request.inferenceConfig()).toolConfig(request.toolConfig())
                .build();
    }

    public static ModelReply toReply(ModelSpec model, ConverseResponse response) {
        Message message = response.output() == null ? null : response.output().message();
        List<ContentBlock> content = new ArrayList<>();
        if (message != null) {
            for (var block : message.content()) {
                if (block.type() == Type.TEXT) {
                    content.add(new ContentBlock.Text(block.text()));
                } else if (block.type() == Type.TOOL_USE) {
                    ToolUseBlock use = block.toolUse();
                    content.add(new ContentBlock.ToolUse(use.toolUseId(), use.name(), DocumentJson.toJson(use.input())));
                }
                // Reasoning and other blocks are not part of Parley's replies.
            }
        }
        long latency = response.metrics() == null || response.metrics().latencyMs() == null ? 0
                : response.metrics().latencyMs();
        return new ModelReply(model, new ChatMessage(ChatMessage.Role.ASSISTANT, content),
                response.stopReasonAsString(), usage(response.usage()), latency);
    }

    static ToolConfiguration toolConfig(ToolOptions options) {
        List<Tool> tools = options.tools().stream().map(tool -> Tool.fromToolSpec(ToolSpecification.builder()
                .name(tool.name()).description(tool.description())
                .inputSchema(ToolInputSchema.fromJson(DocumentJson.toDocument(tool.inputSchema()))).build()))
                .toList();
        ToolChoice choice = switch (options.choice().mode()) {
            case AUTO -> ToolChoice.fromAuto(AutoToolChoice.builder().build());
            case ANY -> ToolChoice.fromAny(AnyToolChoice.builder().build());
            case TOOL -> ToolChoice.fromTool(SpecificToolChoice.builder().name(options.choice().toolName().orElseThrow())
                    .build());
        };
        return ToolConfiguration.builder().tools(tools).toolChoice(choice).build();
    }

    /** Models without system prompt support get the instructions in front of the first user message. */
    private static List<ChatMessage> withSystemInFirstMessage(String system, List<ChatMessage> messages) {
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
            return new Usage(0, 0, 0);
        }
        return new Usage(orZero(usage.inputTokens()), orZero(usage.outputTokens()), orZero(usage.totalTokens()));
    }

    private static Message toSdk(ChatMessage message) {
        List<software.amazon.awssdk.services.bedrockruntime.model.ContentBlock> blocks = new ArrayList<>();
        for (ContentBlock block : message.content()) {
            blocks.add(toSdk(block));
        }
        return Message.builder()
                .role(message.role() == ChatMessage.Role.USER ? ConversationRole.USER : ConversationRole.ASSISTANT)
                .content(blocks)
                .build();
    }

    static software.amazon.awssdk.services.bedrockruntime.model.ContentBlock toSdk(ContentBlock block) {
        if (block instanceof ContentBlock.Text text) {
            return software.amazon.awssdk.services.bedrockruntime.model.ContentBlock.fromText(text.text());
        }
        if (block instanceof ContentBlock.ToolUse use) {
            return software.amazon.awssdk.services.bedrockruntime.model.ContentBlock.fromToolUse(ToolUseBlock.builder()
                    .toolUseId(use.toolUseId()).name(use.name()).input(DocumentJson.toDocument(use.input())).build());
        }
        if (block instanceof ContentBlock.ToolResult result) {
            List<ToolResultContentBlock> content = new ArrayList<>();
            for (JsonNode item : result.content()) {
                content.add(item.has("json") ? ToolResultContentBlock.fromJson(DocumentJson.toDocument(item.get("json")))
                        : ToolResultContentBlock.fromText(item.path("text").asText()));
            }
            return software.amazon.awssdk.services.bedrockruntime.model.ContentBlock.fromToolResult(ToolResultBlock
                    .builder().toolUseId(result.toolUseId()).content(content)
                    .status(result.status() == ContentBlock.ToolResult.Status.ERROR ? ToolResultStatus.ERROR
                            : ToolResultStatus.SUCCESS)
                    .build());
        }
        ContentBlock.Document document = (ContentBlock.Document) block;
        return software.amazon.awssdk.services.bedrockruntime.model.ContentBlock.fromDocument(DocumentBlock.builder()
                .format(document.format()).name(document.name())
                .source(DocumentSource.fromBytes(SdkBytes.fromByteArray(document.bytes()))).build());
    }

    private static InferenceConfiguration inference(InferenceSettings settings) {
        InferenceConfiguration.Builder config = InferenceConfiguration.builder();
        settings.temperature().ifPresent(t -> config.temperature(t.floatValue()));
        settings.topP().ifPresent(p -> config.topP(p.floatValue()));
        settings.maxTokens().ifPresent(config::maxTokens);
        return config.build();
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
