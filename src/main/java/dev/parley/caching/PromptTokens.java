package dev.parley.caching;

import dev.parley.modelcall.ChatMessage;
import dev.parley.modelcall.ContentBlock;
import dev.parley.modelcall.ContentJson;
import dev.parley.modelcall.ToolOptions;
import java.util.List;

/**
 * Token estimates for placing cache points: four characters a token, as Bedrock's guidance for
 * English text (and the documents chunker) has it. An estimate a little off only moves a cache
 * point's segment across the minimum; Bedrock then simply does not cache it.
 */
public final class PromptTokens {
    static final int CHARS_PER_TOKEN = 4;

    private PromptTokens() {}

    public static int of(String text) {
        return text.length() / CHARS_PER_TOKEN;
    }

    public static int of(ChatMessage message) {
        int chars = 0;
        for (ContentBlock block : message.content()) {
            chars +=
                    block instanceof ContentBlock.Text text
                            ? text.text().length()
                            : ContentJson.toJsonString(List.of(block)).length();
        }
        return chars / CHARS_PER_TOKEN;
    }

    public static int of(ToolOptions tools) {
        int chars = 0;
        for (ToolOptions.Definition tool : tools.tools()) {
            chars +=
                    tool.name().length()
                            + tool.description().length()
                            + tool.inputSchema().toString().length();
        }
        return chars / CHARS_PER_TOKEN;
    }

    /** The whole prompt of a call: tools, system and every message. */
    public static int of(dev.parley.modelcall.ModelCall call) {
        int tokens =
                call.tools().map(PromptTokens::of).orElse(0)
                        + call.system().map(PromptTokens::of).orElse(0);
        for (ChatMessage message : call.messages()) {
            tokens += of(message);
        }
        return tokens;
    }
}
