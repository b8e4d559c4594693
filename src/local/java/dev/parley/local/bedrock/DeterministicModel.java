package dev.parley.local.bedrock;

import dev.parley.local.bedrock.Conversation.ToolResult;
import dev.parley.local.bedrock.Conversation.ToolSpec;
import dev.parley.local.bedrock.Conversation.ToolUse;
import dev.parley.local.bedrock.Conversation.Turn;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The offline stand-in for every known model: same conversation in, same reply out. It
 * answers tool results, calls a requested tool, shortens its previous answer, summarises
 * extractively, or echoes the question, in that order of precedence.
 */
final class DeterministicModel {

    private DeterministicModel() {}

    static ModelReply reply(Conversation conversation, int maxTokens) {
        Turn user = conversation.lastUser();
        String userText = user == null ? "" : user.text();
        Turn previous = conversation.previousAssistant();
        if (user != null && !user.toolResults().isEmpty()) {
            return finish(conversation, answerFromResults(user, previous), List.of(), maxTokens);
        }
        ToolSpec tool =
                ToolPlanner.choose(conversation.tools(), conversation.toolChoice(), userText);
        if (tool != null) {
            var input = ToolPlanner.input(tool, userText);
            String id =
                    toolUseId(
                            tool.name()
                                    + "\n"
                                    + input
                                    + "\n"
                                    + conversation.turns().size()
                                    + "\n"
                                    + userText);
            return finish(
                    conversation, "", List.of(new ToolUse(id, tool.name(), input)), maxTokens);
        }
        if (previous != null
                && !previous.text().isBlank()
                && Summarizer.isShortenFollowUp(userText)) {
            return finish(conversation, Summarizer.shorten(previous.text()), List.of(), maxTokens);
        }
        if (Summarizer.isRequested(conversation.system(), userText)) {
            String summary =
                    Summarizer.summarize(
                            Summarizer.document(userText),
                            Summarizer.style(conversation.system(), userText));
            return finish(conversation, summary, List.of(), maxTokens);
        }
        String echo =
                userText.isBlank()
                        ? "Hello! How can I help you today?"
                        : "You said: \"" + Text.clip(userText, 200) + "\"";
        return finish(conversation, echo, List.of(), maxTokens);
    }

    /** A scripted reply, with the same token accounting and max-tokens truncation. */
    static ModelReply scripted(Conversation conversation, ScriptEntry entry, int maxTokens) {
        List<ToolUse> uses = new ArrayList<>();
        for (int i = 0; i < entry.toolUses().size(); i++) {
            ToolUse use = entry.toolUses().get(i);
            String id =
                    use.toolUseId() != null
                            ? use.toolUseId()
                            : toolUseId(
                                    use.name()
                                            + "\n"
                                            + use.input()
                                            + "\n"
                                            + i
                                            + "\n"
                                            + conversation.turns().size());
            uses.add(new ToolUse(id, use.name(), use.input()));
        }
        return finish(conversation, entry.text() == null ? "" : entry.text(), uses, maxTokens);
    }

    /** Input tokens: about four characters per token over the system prompt and every message. */
    static int inputTokens(Conversation conversation) {
        StringBuilder all = new StringBuilder(conversation.system());
        for (Turn turn : conversation.turns()) {
            all.append(turn.text());
            turn.toolUses().forEach(u -> all.append(u.name()).append(u.input()));
            turn.toolResults().forEach(r -> all.append(r.content()));
        }
        return Math.max(1, Text.tokens(all.toString()));
    }

    /** Applies stop sequences, then cuts at maxTokens (stop reason max_tokens), as Bedrock reports. */
    private static ModelReply finish(
            Conversation conversation, String text, List<ToolUse> uses, int maxTokens) {
        String stopReason = uses.isEmpty() ? "end_turn" : "tool_use";
        for (String stop : conversation.stopSequences()) {
            int at = stop.isEmpty() ? -1 : text.indexOf(stop);
            if (at >= 0) {
                text = text.substring(0, at);
                stopReason = "stop_sequence";
            }
        }
        int outputTokens = Text.tokens(text);
        if (outputTokens > maxTokens) {
            text = text.substring(0, Math.min(text.length(), maxTokens * 4));
            outputTokens = maxTokens;
            stopReason = "max_tokens";
        }
        for (ToolUse use : uses) {
            outputTokens += Text.tokens(use.name() + use.input());
        }
        return new ModelReply(text, uses, stopReason, inputTokens(conversation), outputTokens);
    }

    private static String answerFromResults(Turn user, Turn previous) {
        Map<String, String> names = new HashMap<>();
        if (previous != null) {
            previous.toolUses().forEach(u -> names.put(u.toolUseId(), u.name()));
        }
        List<String> parts = new ArrayList<>();
        for (ToolResult result : user.toolResults()) {
            String name = names.getOrDefault(result.toolUseId(), "the tool");
            String content =
                    result.content().isBlank() ? "(no content)" : Text.clip(result.content(), 500);
            parts.add(
                    "error".equals(result.status())
                            ? "The " + name + " tool failed: " + content
                            : "Based on " + name + ": " + content);
        }
        return String.join("\n", parts);
    }

    /** Bedrock-looking ids ("tooluse_" + 22 characters), derived from the request so they repeat. */
    static String toolUseId(String seed) {
        return "tooluse_" + hash(seed).substring(0, 22);
    }

    static String hash(String seed) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(seed.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
