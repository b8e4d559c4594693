package dev.parley.openai;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.embeddings.EmbeddingCatalog;
import dev.parley.embeddings.EmbeddingModel;
import dev.parley.embeddings.EmbeddingService;
import dev.parley.embeddings.Embeddings;
import dev.parley.error.ErrorCode;
import dev.parley.error.ParleyException;
import dev.parley.http.HttpRequest;
import dev.parley.http.HttpResponse;
import dev.parley.http.JsonBody;
import dev.parley.http.Route;
import dev.parley.http.RouteSet;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * {@code POST /openai/v1/embeddings}: {@code input} a string or a list of strings, {@code model}
 * from the embeddings catalog, {@code dimensions}, {@code encoding_format} float or base64 (the
 * little-endian float32 bytes, as OpenAI sends them). Cohere's {@code input_type} may be passed as
 * an extra body field (default {@code search_document}).
 */
@ApplicationScoped
public class EmbeddingRoutes implements RouteSet {
    /** OpenAI's own limit on inputs per request. */
    static final int MAX_INPUTS = 2048;

    @RegisterForReflection
    record EmbeddingList(
            String object, List<EmbeddingView> data, String model, EmbeddingUsage usage) {}

    /** {@code embedding} is a list of floats or a base64 string, as encoding_format asked. */
    @RegisterForReflection
    record EmbeddingView(String object, int index, Object embedding) {}

    @RegisterForReflection
    record EmbeddingUsage(
            @JsonProperty("prompt_tokens") int promptTokens,
            @JsonProperty("total_tokens") int totalTokens) {}

    private final EmbeddingCatalog catalog;
    private final EmbeddingService embeddings;
    private final JsonBody json;

    EmbeddingRoutes(EmbeddingCatalog catalog, EmbeddingService embeddings, JsonBody json) {
        this.catalog = catalog;
        this.embeddings = embeddings;
        this.json = json;
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.post(OpenAiRoutes.BASE + "/embeddings", this::embed));
    }

    private HttpResponse embed(HttpRequest request) {
        ObjectNode body = json.object(request);
        String requested = Params.string(body, "model", "model").orElse(null);
        EmbeddingModel model = resolve(requested);
        List<String> inputs = inputs(body, model);
        int dimensions =
                Params.integer(body, "dimensions", 1, Integer.MAX_VALUE)
                        .orElse(model.defaultDimensions());
        if (!model.dimensions().contains(dimensions)) {
            throw OpenAiException.unsupported(
                    "dimensions",
                    "Invalid 'dimensions': model "
                            + model.alias()
                            + " produces "
                            + joined(model.dimensions())
                            + " dimensions, not "
                            + dimensions
                            + ".");
        }
        String encoding = Params.string(body, "encoding_format", "encoding_format").orElse("float");
        if (!encoding.equals("float") && !encoding.equals("base64")) {
            throw OpenAiException.invalid(
                    "encoding_format",
                    "Invalid value: '"
                            + encoding
                            + "'. Supported values are: 'float' and 'base64'.");
        }
        String inputType =
                Params.string(body, "input_type", "input_type").orElse("search_document");
        if (!EmbeddingService.COHERE_INPUT_TYPES.contains(inputType)) {
            throw OpenAiException.invalid(
                    "input_type",
                    "Invalid value: '"
                            + inputType
                            + "'. Supported values are: "
                            + String.join(", ", EmbeddingService.COHERE_INPUT_TYPES)
                            + ".");
        }
        Params.string(body, "user", "user");
        Embeddings result =
                embeddings.embed(request.identity(), model, inputs, dimensions, inputType);
        List<EmbeddingView> data = new ArrayList<>();
        for (int i = 0; i < result.vectors().size(); i++) {
            float[] vector = result.vectors().get(i);
            data.add(
                    new EmbeddingView(
                            "embedding",
                            i,
                            encoding.equals("base64") ? base64(vector) : floats(vector)));
        }
        return HttpResponse.ok(
                new EmbeddingList(
                        "list",
                        data,
                        requested == null ? model.alias() : requested,
                        new EmbeddingUsage(result.inputTokens(), result.inputTokens())));
    }

    private EmbeddingModel resolve(String requested) {
        try {
            return catalog.resolve(requested);
        } catch (ParleyException e) {
            if (e.code() == ErrorCode.MODEL_NOT_ALLOWED) {
                throw OpenAiException.modelNotFound(requested, e.getMessage());
            }
            throw OpenAiException.invalid("model", e.getMessage());
        }
    }

    private static List<String> inputs(JsonNode body, EmbeddingModel model) {
        JsonNode input =
                Params.present(body, "input")
                        .orElseThrow(
                                () ->
                                        OpenAiException.invalid(
                                                "input", "Missing required parameter: 'input'."));
        List<String> texts = new ArrayList<>();
        if (input.isTextual()) {
            texts.add(input.textValue());
        } else if (input.isArray()) {
            if (input.size() > MAX_INPUTS) {
                throw OpenAiException.invalid(
                        "input", "Invalid 'input': at most " + MAX_INPUTS + " inputs per request.");
            }
            for (int i = 0; i < input.size(); i++) {
                JsonNode item = input.get(i);
                if (!item.isTextual()) {
                    throw OpenAiException.unsupported(
                            "input[" + i + "]",
                            "Invalid 'input["
                                    + i
                                    + "]': Parley embeds"
                                    + " text; send strings, not "
                                    + Params.typeName(item)
                                    + " (token arrays are not supported).");
                }
                texts.add(item.textValue());
            }
        } else {
            throw Params.wrongType("input", "a string or an array of strings", input);
        }
        if (texts.isEmpty()) {
            throw OpenAiException.invalid("input", "Invalid 'input': empty array.");
        }
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            String path = input.isArray() ? "input[" + i + "]" : "input";
            if (text.isEmpty()) {
                throw OpenAiException.invalid(path, "Invalid '" + path + "': empty string.");
            }
            if (text.length() > model.maxChars()) {
                throw OpenAiException.invalid(
                        path,
                        "Invalid '"
                                + path
                                + "': "
                                + text.length()
                                + " characters; model "
                                + model.alias()
                                + " takes at most "
                                + model.maxChars()
                                + ".");
            }
        }
        return texts;
    }

    private static List<Float> floats(float[] vector) {
        List<Float> out = new ArrayList<>(vector.length);
        for (float value : vector) {
            out.add(value);
        }
        return out;
    }

    private static String base64(float[] vector) {
        ByteBuffer bytes =
                ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : vector) {
            bytes.putFloat(value);
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    private static String joined(List<Integer> values) {
        return String.join(", ", values.stream().map(String::valueOf).toList());
    }
}
