package dev.parley.capabilities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.parley.bedrock.FeatureMatrix;
import dev.parley.error.ParleyException;
import dev.parley.modelcall.ChatMessage;
import dev.parley.modelcall.ContentBlock;
import dev.parley.modelcall.InferenceSettings;
import dev.parley.modelcall.ModelCall;
import dev.parley.modelcall.ModelFeatures;
import dev.parley.modelcall.ModelSpec;
import dev.parley.modelcall.ToolOptions;
import dev.parley.pipeline.CallContext;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The stage's rules for each matrix capability, on calls no HTTP route can build (documents, images, streamed tools). */
class CapabilityRulesTest {
    private static final FeatureMatrix MATRIX = FeatureMatrix.load();
    private static final CapabilityStage STAGE = new CapabilityStage();
    private static final CallContext CONTEXT = CallContext.of("ann", "documents");

    private static ModelSpec model(String alias, String id) {
        ModelFeatures row = MATRIX.find(id).orElseThrow();
        return new ModelSpec(
                alias,
                id,
                row.provider(),
                row.maxOutputTokens(),
                row.contextTokens(),
                ModelSpec.Capabilities.of(row));
    }

    private static ModelCall call(ModelSpec model, ContentBlock block) {
        return new ModelCall(
                model,
                Optional.empty(),
                List.of(
                        new ChatMessage(
                                ChatMessage.Role.USER,
                                List.of(block, new ContentBlock.Text("What is this?")))),
                InferenceSettings.DEFAULTS);
    }

    private static String refusal(CallContext context, ModelCall call) {
        return assertThrows(ParleyException.class, () -> STAGE.prepare(context, call)).getMessage();
    }

    @Test
    void documentsAndImagesFollowTheMatrix() {
        ModelSpec micro = model("nova-micro", "us.amazon.nova-micro-v1:0");
        ModelSpec lite = model("nova-lite", "us.amazon.nova-lite-v1:0");
        ContentBlock document = new ContentBlock.Document("pdf", "report", new byte[] {1});
        ContentBlock image = new ContentBlock.Image("png", new byte[] {1});
        assertTrue(
                refusal(CONTEXT, call(micro, document))
                        .contains(
                                "nova-micro (us.amazon.nova-micro-v1:0) does not"
                                        + " support documents"));
        assertTrue(
                refusal(CONTEXT, call(micro, image)).contains("does not support images (vision)"));
        ModelCall readable = call(lite, document);
        assertSame(
                readable,
                STAGE.prepare(CONTEXT, readable),
                "Nova Lite reads documents: the call goes on unchanged");
        ModelSpec deepseek = model("deepseek-v3-2", "deepseek.v3.2");
        assertTrue(refusal(CONTEXT, call(deepseek, image)).contains("deepseek-v3-2"));
    }

    @Test
    void toolUseWhileStreamingFollowsTheMatrix() {
        ToolOptions tools =
                new ToolOptions(
                        List.of(
                                new ToolOptions.Definition(
                                        "calculator",
                                        "Arithmetic.",
                                        JsonNodeFactory.instance
                                                .objectNode()
                                                .put("type", "object"))),
                        ToolOptions.Choice.AUTO);
        ModelCall llama =
                new ModelCall(
                        model("llama-3-1-70b", "us.meta.llama3-1-70b-instruct-v1:0"),
                        Optional.empty(),
                        List.of(ChatMessage.user("What is 2 + 2?")),
                        InferenceSettings.DEFAULTS,
                        Optional.of(tools));
        assertEquals(llama, STAGE.prepare(CONTEXT, llama));
        assertTrue(
                refusal(CONTEXT.asStream(), llama)
                        .contains("does not support tool use while streaming"));
    }

    @Test
    void toolChoiceFollowsTheMatrix() {
        JsonNodeFactory json = JsonNodeFactory.instance;
        List<ToolOptions.Definition> calculator =
                List.of(
                        new ToolOptions.Definition(
                                "calculator",
                                "Arithmetic.",
                                json.objectNode().put("type", "object")));
        ModelSpec llama = model("llama-3-1-70b", "us.meta.llama3-1-70b-instruct-v1:0");
        ModelSpec deepseek = model("deepseek-v3-1", "deepseek.v3-v1:0");
        ModelSpec nova = model("nova-micro", "us.amazon.nova-micro-v1:0");
        java.util.function.BiFunction<ModelSpec, ToolOptions.Choice, ModelCall> call =
                (model, choice) ->
                        new ModelCall(
                                model,
                                Optional.empty(),
                                List.of(ChatMessage.user("What is 2 + 2?")),
                                InferenceSettings.DEFAULTS,
                                Optional.of(new ToolOptions(calculator, choice)));
        // Llama takes auto only (Bedrock: "This model doesn't support the toolConfig.toolChoice.any
        // field.").
        assertTrue(
                refusal(CONTEXT, call.apply(llama, ToolOptions.Choice.ANY))
                        .contains(
                                "llama-3-1-70b (us.meta.llama3-1-70b-instruct-v1:0) does not take toolChoice 'any'"));
        // DeepSeek V3.1 takes auto and any, and does not obey a named tool.
        ModelCall any = call.apply(deepseek, ToolOptions.Choice.ANY);
        assertSame(any, STAGE.prepare(CONTEXT, any));
        ModelCall auto = call.apply(deepseek, ToolOptions.Choice.AUTO);
        assertSame(
                auto,
                STAGE.prepare(CONTEXT, auto),
                "auto stays auto: Parley does not force a tool on DeepSeek");
        assertTrue(
                refusal(CONTEXT, call.apply(deepseek, ToolOptions.Choice.tool("calculator")))
                        .contains("does not take toolChoice 'tool' (it takes auto, any"));
        ModelCall named = call.apply(nova, ToolOptions.Choice.tool("calculator"));
        assertSame(named, STAGE.prepare(CONTEXT, named));
    }
}
