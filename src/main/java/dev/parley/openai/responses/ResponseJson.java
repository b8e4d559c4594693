package dev.parley.openai.responses;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.modelcall.ContentBlock;
import dev.parley.modelcall.ModelReply;
import dev.parley.modelcall.Usage;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The Responses API's JSON shapes (the response object, its output items, usage), built as trees:
 * the same JSON is answered, streamed and stored, and needs no reflection. Only this package sees it.
 */
final class ResponseJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ResponseJson() {}

    static String newId(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "");
    }

    /**
     * The reply's output items in the model's block order: reasoning items, one message item per run
     * of text, function calls. {@code ids} gives the ids a stream already announced, in item order;
     * {@code sealer} the reasoning's encrypted_content (null leaves it out).
     */
    static ArrayNode output(
            ModelReply reply, List<String> ids, Function<ContentBlock, String> sealer) {
        ArrayNode items = NODES.arrayNode();
        ObjectNode message = null;
        for (ContentBlock block : reply.message().content()) {
            if (block instanceof ContentBlock.Text text) {
                if (message == null) {
                    message = messageItem(id(ids, items.size(), "msg_"), "completed");
                    items.add(message);
                }
                ObjectNode part = (ObjectNode) message.withArray("content").get(0);
                part.put("text", part.path("text").asText() + text.text());
                continue;
            }
            message = null;
            if (block instanceof ContentBlock.Reasoning
                    || block instanceof ContentBlock.RedactedReasoning) {
                String summary = block instanceof ContentBlock.Reasoning r ? r.text() : null;
                ObjectNode item = reasoningItem(id(ids, items.size(), "rs_"), summary);
                String sealed = sealer == null ? null : sealer.apply(block);
                if (sealed != null) {
                    item.put("encrypted_content", sealed);
                }
                items.add(item);
            } else if (block instanceof ContentBlock.ToolUse use) {
                items.add(
                        functionCallItem(
                                id(ids, items.size(), "fc_"),
                                use.toolUseId(),
                                use.name(),
                                use.input() == null ? "{}" : use.input().toString(),
                                "completed"));
            }
        }
        return items;
    }

    private static String id(List<String> ids, int index, String prefix) {
        return index < ids.size() && ids.get(index).startsWith(prefix)
                ? ids.get(index)
                : newId(prefix);
    }

    static ObjectNode messageItem(String id, String status) {
        ObjectNode item =
                NODES.objectNode()
                        .put("type", "message")
                        .put("id", id)
                        .put("status", status)
                        .put("role", "assistant");
        item.putArray("content").add(outputText(""));
        return item;
    }

    static ObjectNode outputText(String text) {
        ObjectNode part = NODES.objectNode().put("type", "output_text").put("text", text);
        part.putArray("annotations");
        part.putArray("logprobs");
        return part;
    }

    static ObjectNode reasoningItem(String id, String summary) {
        ObjectNode item = NODES.objectNode().put("type", "reasoning").put("id", id);
        ArrayNode parts = item.putArray("summary");
        if (summary != null && !summary.isEmpty()) {
            parts.addObject().put("type", "summary_text").put("text", summary);
        }
        return item;
    }

    static ObjectNode functionCallItem(
            String id, String callId, String name, String arguments, String status) {
        return NODES.objectNode()
                .put("type", "function_call")
                .put("id", id)
                .put("call_id", callId)
                .put("name", name)
                .put("arguments", arguments)
                .put("status", status);
    }

    /** OpenAI counts cached input inside input_tokens; Bedrock reports cache reads and writes apart. */
    static ObjectNode usage(Usage usage) {
        int input =
                usage.inputTokens() + usage.cacheReadInputTokens() + usage.cacheWriteInputTokens();
        ObjectNode node = NODES.objectNode().put("input_tokens", input);
        node.putObject("input_tokens_details").put("cached_tokens", usage.cacheReadInputTokens());
        node.put("output_tokens", usage.outputTokens());
        node.putObject("output_tokens_details").put("reasoning_tokens", 0);
        node.put("total_tokens", input + usage.outputTokens());
        return node;
    }

    /** The response object without output and usage (as {@code response.created} shows it). */
    static ObjectNode response(
            String id,
            long createdAt,
            String status,
            ResponseRequest request,
            ResponseTools tools,
            ObjectNode metadata,
            com.fasterxml.jackson.databind.JsonNode toolChoice) {
        ObjectNode response =
                NODES.objectNode()
                        .put("id", id)
                        .put("object", "response")
                        .put("created_at", createdAt)
                        .put("status", status);
        response.putNull("error");
        response.putNull("incomplete_details");
        request.instructions()
                .ifPresentOrElse(
                        i -> response.put("instructions", i),
                        () -> response.putNull("instructions"));
        request.inference()
                .maxTokens()
                .ifPresentOrElse(
                        m -> response.put("max_output_tokens", m),
                        () -> response.putNull("max_output_tokens"));
        response.put("model", request.requestedModel());
        response.putArray("output");
        response.put("parallel_tool_calls", true);
        request.previousResponseId()
                .ifPresentOrElse(
                        p -> response.put("previous_response_id", p),
                        () -> response.putNull("previous_response_id"));
        ObjectNode reasoning = response.putObject("reasoning");
        request.effort()
                .ifPresentOrElse(
                        e -> reasoning.put("effort", e), () -> reasoning.putNull("effort"));
        reasoning.putNull("summary");
        response.put("store", request.store());
        request.inference()
                .temperature()
                .ifPresentOrElse(
                        t -> response.put("temperature", t),
                        () -> response.put("temperature", 1.0));
        ObjectNode format = response.putObject("text").putObject("format");
        request.format()
                .ifPresentOrElse(
                        f -> {
                            format.put(
                                    "type",
                                    f.kind()
                                                    == dev.parley.structured.ResponseFormat.Kind
                                                            .JSON_SCHEMA
                                            ? "json_schema"
                                            : "json_object");
                            if (f.kind() == dev.parley.structured.ResponseFormat.Kind.JSON_SCHEMA) {
                                format.put("name", f.name())
                                        .put("strict", f.strict())
                                        .set("schema", f.schema());
                            }
                        },
                        () -> format.put("type", "text"));
        response.set("tool_choice", toolChoice);
        response.set("tools", tools.echo());
        request.inference()
                .topP()
                .ifPresentOrElse(p -> response.put("top_p", p), () -> response.put("top_p", 1.0));
        response.put("truncation", "disabled");
        response.putNull("usage");
        response.set("metadata", metadata);
        return response;
    }

    /** The finished response: output, usage, and status completed or incomplete (with the reason). */
    static ObjectNode finish(
            ObjectNode response, ArrayNode output, ModelReply reply, boolean filtered) {
        String stop = reply.stopReason() == null ? "end_turn" : reply.stopReason();
        String incomplete =
                filtered || stop.equals("guardrail_intervened") || stop.equals("content_filtered")
                        ? "content_filter"
                        : stop.equals("max_tokens") || stop.equals("model_context_window_exceeded")
                                ? "max_output_tokens"
                                : null;
        response.put("status", incomplete == null ? "completed" : "incomplete");
        if (incomplete != null) {
            response.putObject("incomplete_details").put("reason", incomplete);
        }
        response.set("output", output);
        response.set("usage", usage(reply.usage()));
        response.put("service_tier", reply.serviceTierName());
        return response;
    }
}
