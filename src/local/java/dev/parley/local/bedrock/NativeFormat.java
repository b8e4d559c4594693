package dev.parley.local.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Set;

/**
 * A model family's InvokeModel body and response format. As on Bedrock, the model id decides
 * which format applies; a body in another shape is a ValidationException naming the problem.
 */
interface NativeFormat {

    /** Reads the native request body (throws a ValidationException for a malformed one). */
    Conversation parse(JsonNode body, ModelCatalog.ModelSpec spec);

    /** The native InvokeModel response body. */
    ObjectNode render(ModelReply reply, ModelCatalog.ModelSpec spec);

    /** The native InvokeModelWithResponseStream chunks, deltas sent through {@link ChunkSink#delta}. */
    void stream(ModelReply reply, ModelCatalog.ModelSpec spec, ChunkSink sink) throws IOException;

    /** Receives native chunks; deltas are paced and may be cut short by a scripted error. */
    interface ChunkSink {
        void chunk(JsonNode chunk) throws IOException;

        void delta(JsonNode chunk) throws IOException;

        /** Marks the end of the deltas (a scripted error due after more deltas fires here). */
        void deltasDone() throws IOException;

        /** Bedrock appends these to the last chunk of every streamed invocation. */
        ObjectNode invocationMetrics(ModelReply reply);
    }

    static NativeFormat of(ModelCatalog.Provider provider) {
        return switch (provider) {
            case ANTHROPIC -> new AnthropicFormat();
            case AMAZON_NOVA -> new NovaFormat();
            case META_LLAMA -> new LlamaFormat();
            case DEEPSEEK -> new DeepSeekFormat();
            // The native bodies of gpt-oss, Qwen and Mistral's current models are not emulated;
            // Converse is.
            case OPENAI, QWEN, MISTRAL ->
                    throw BedrockFault.validation(
                            "The emulator does not implement InvokeModel for "
                                    + provider
                                    + " models; use Converse.");
        };
    }

    /** Bedrock's wording for a body that does not match the model's schema. */
    static BedrockFault malformed(String detail) {
        return BedrockFault.validation(
                "Malformed input request: "
                        + detail
                        + ", please reformat your input and try again.");
    }

    static void requireKeys(JsonNode body, String... keys) {
        for (String key : keys) {
            if (!body.hasNonNull(key)) {
                throw malformed("#: required key [" + key + "] not found");
            }
        }
    }

    static void allowOnly(JsonNode body, Set<String> allowed) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw malformed("#: extraneous key [" + name + "] is not permitted");
            }
        }
    }

    static Integer positiveInt(JsonNode body, String key) {
        JsonNode value = body.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1) {
            throw malformed(
                    "#/"
                            + key
                            + ": "
                            + value
                            + " is not a valid value (expected an integer of at least 1)");
        }
        return value.asInt();
    }
}
