package dev.parley.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code system} as a string or text blocks (Claude Code sends blocks, the last with
 * {@code cache_control}), joined into Converse's one system text, with whether a block asked for a
 * cache point (Bedrock then caches after the system prompt).
 */
record SystemPrompt(Optional<String> text, boolean cached, boolean oneHour) {

    static SystemPrompt read(JsonNode body) {
        Optional<JsonNode> system = Fields.present(body, "system");
        if (system.isEmpty()) {
            return new SystemPrompt(Optional.empty(), false, false);
        }
        if (system.get().isTextual()) {
            String text = system.get().textValue();
            return new SystemPrompt(
                    text.isBlank() ? Optional.empty() : Optional.of(text), false, false);
        }
        if (!system.get().isArray()) {
            throw Fields.READ.wrongType(
                    "system", "a valid string or list of text blocks", system.get());
        }
        List<String> texts = new ArrayList<>();
        boolean cached = false;
        boolean oneHour = false;
        for (int i = 0; i < system.get().size(); i++) {
            JsonNode block = system.get().get(i);
            String path = "system." + i;
            Fields.object(block, path);
            String type = Fields.requiredString(block, "type", path);
            if (!type.equals("text")) {
                throw AnthropicException.invalid(path + ".type", "Input should be 'text'");
            }
            String text = Fields.requiredString(block, "text", path);
            if (!text.isBlank()) {
                texts.add(text);
            }
            Optional<Boolean> control = CacheControl.read(block, path);
            cached |= control.isPresent();
            oneHour |= control.orElse(false);
        }
        return new SystemPrompt(
                texts.isEmpty() ? Optional.empty() : Optional.of(String.join("\n\n", texts)),
                cached && !texts.isEmpty(),
                oneHour);
    }
}
