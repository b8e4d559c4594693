package dev.parley.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.modelcall.ContentBlock;
import org.junit.jupiter.api.Test;

/** The mapper's content blocks, built by the SDK's own builders and read back. */
class ConverseMapperContentTest {

    @Test
    void mapperSendsReasoningBackAsTheSdksReasoningContent() {
        var sdk = ConverseMapper.toSdk(new ContentBlock.Reasoning("Let me think.", "sig-123"));
        assertEquals("Let me think.", sdk.reasoningContent().reasoningText().text());
        assertEquals("sig-123", sdk.reasoningContent().reasoningText().signature());
    }
}
