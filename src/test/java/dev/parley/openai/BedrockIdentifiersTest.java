package dev.parley.openai;

import static dev.parley.openai.OpenAiMappingTest.TOOLS;
import static dev.parley.openai.OpenAiMappingTest.assertInvalid;
import static dev.parley.openai.OpenAiMappingTest.complete;
import static dev.parley.openai.OpenAiMappingTest.lastCall;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Emulator;
import dev.parley.testing.Lambda.ProxyResult;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Client-minted tool-call names and ids reach Bedrock only in the shapes Bedrock takes (botocore:
 * ToolName [a-zA-Z0-9_-]{1,64}, ToolUseId [a-zA-Z0-9_.:-]{1,64}): a name outside the pattern is an
 * OpenAI-shaped 400, an id outside it is replaced consistently, and the emulator (which enforces
 * both patterns) accepts the call.
 */
@QuarkusTest
class BedrockIdentifiersTest {

    @BeforeEach
    void reset() {
        Emulator.control().reset();
    }

    @Test
    void anIdBedrockWouldRefuseIsReplacedTheSameWayInTheCallAndItsAnswer() {
        String id =
                "call id/with spaces and a slash that is also far longer than sixty-four characters";
        ProxyResult result =
                complete(
                        """
                {"model": "nova-micro", "tools": %s, "messages": [
                  {"role": "user", "content": "Time?"},
                  {"role": "assistant", "tool_calls": [{"id": "%s", "type": "function",
                    "function": {"name": "get_time", "arguments": "{}"}}]},
                  {"role": "tool", "tool_call_id": "%s", "content": "10:00"}]}"""
                                .formatted(TOOLS, id, id));
        assertEquals(200, result.status(), result.toString());
        JsonNode messages = lastCall().path("messages");
        String sentId =
                messages.path(1).path("content").path(0).path("toolUse").path("toolUseId").asText();
        assertTrue(sentId.matches("[a-zA-Z0-9_.:-]{1,64}"), sentId);
        assertEquals(
                sentId,
                messages.path(2)
                        .path("content")
                        .path(0)
                        .path("toolResult")
                        .path("toolUseId")
                        .asText());
    }

    @Test
    void aValidIdIsSentAsItIs() {
        ProxyResult result =
                complete(
                        """
                {"model": "nova-micro", "tools": %s, "messages": [
                  {"role": "user", "content": "Time?"},
                  {"role": "assistant", "tool_calls": [{"id": "toolu_01.A:b-c", "type": "function",
                    "function": {"name": "get_time", "arguments": "{}"}}]},
                  {"role": "tool", "tool_call_id": "toolu_01.A:b-c", "content": "10:00"}]}"""
                                .formatted(TOOLS));
        assertEquals(200, result.status(), result.toString());
        assertEquals(
                "toolu_01.A:b-c",
                lastCall().at("/messages/1/content/0/toolUse/toolUseId").asText());
    }

    @Test
    void aToolCallNameBedrockWouldRefuseIsAnOpenAiShaped400() {
        assertInvalid(
                complete(
                        """
                {"model": "nova-micro", "tools": %s, "messages": [
                  {"role": "user", "content": "Time?"},
                  {"role": "assistant", "tool_calls": [{"id": "call_1", "type": "function",
                    "function": {"name": "clock.now", "arguments": "{}"}}]},
                  {"role": "tool", "tool_call_id": "call_1", "content": "10:00"}]}"""
                                .formatted(TOOLS)),
                "messages[1].tool_calls[0].function.name");
        assertTrue(Emulator.control().calls().isEmpty(), "refused before Bedrock");
    }
}
