package dev.parley.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.error.ErrorCode;
import dev.parley.error.ParleyException;
import dev.parley.modelcall.CallControls;
import dev.parley.modelcall.GuardrailConfig;
import dev.parley.modelcall.GuardrailUsage;
import dev.parley.modelcall.InvokeReply;
import dev.parley.modelcall.ModelSpec;
import dev.parley.modelcall.Usage;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;
import software.amazon.awssdk.services.bedrockruntime.model.Trace;

/** The Invoke Model API: a model-native JSON body in, the model's native JSON out. */
@ApplicationScoped
public class InvokeGateway {
    private final BedrockRuntimeClient client;
    private final BedrockErrors errors;
    private final ObjectMapper mapper;

    InvokeGateway(BedrockRuntimeClient client, BedrockErrors errors, ObjectMapper mapper) {
        this.client = client;
        this.errors = errors;
        this.mapper = mapper;
    }

    public String invoke(ModelSpec model, String nativeJsonBody) {
        return call(model, nativeJsonBody).body();
    }

    /** The answer with the usage Bedrock reported, for callers that record it (usage ledger, metrics). */
    public InvokeReply call(ModelSpec model, String nativeJsonBody) {
        return call(model, nativeJsonBody, CallControls.NONE);
    }

    /**
     * With Bedrock's per-call controls: InvokeModel takes them as headers, the tier as
     * {@code X-Amzn-Bedrock-Service-Tier} and the tags as {@code X-Amzn-Bedrock-Request-Metadata},
     * a JSON object of strings (Bedrock's "Per-request metadata tagging" page).
     */
    public InvokeReply call(ModelSpec model, String nativeJsonBody, CallControls controls) {
        return call(model, nativeJsonBody, controls, Optional.empty());
    }

    /**
     * With a guardrail: InvokeModel takes it as {@code guardrailIdentifier}, {@code guardrailVersion}
     * and {@code trace} (the X-Amzn-Bedrock-Guardrail* and -Trace headers), and Bedrock adds its
     * verdict to the model's JSON ({@code "amazon-bedrock-guardrailAction": "INTERVENED" | "NONE"},
     * with {@code amazon-bedrock-trace} when the trace is on; AWS's InvokeModel reference). The
     * trace is always asked for (see {@link InvokeGuardrailVerdict}).
     */
    public InvokeReply call(
            ModelSpec model,
            String nativeJsonBody,
            CallControls controls,
            Optional<GuardrailConfig> guardrail) {
        InvokeModelResponse response;
        try {
            InvokeModelRequest.Builder request =
                    InvokeModelRequest.builder()
                            .modelId(model.modelId())
                            .contentType("application/json")
                            .accept("application/json")
                            .body(SdkBytes.fromUtf8String(nativeJsonBody));
            controls.serviceTier().ifPresent(tier -> request.serviceTier(tier.wireName()));
            guardrail.ifPresent(
                    config ->
                            request.guardrailIdentifier(config.identifier())
                                    .guardrailVersion(config.version())
                                    // Always: the guardrail's units are reported only in the
                                    // trace; hidden again below unless the deployment shows it.
                                    .trace(Trace.ENABLED));
            if (!controls.requestMetadata().isEmpty()) {
                request.requestMetadata(mapper.writeValueAsString(controls.requestMetadata()));
            }
            response = client.invokeModel(request.build());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a map of strings is always JSON", e);
        } catch (SdkException e) {
            throw errors.translate(e, model);
        }
        SdkHttpResponse http = response.sdkHttpResponse();
        int input = header(http, "X-Amzn-Bedrock-Input-Token-Count");
        int output = header(http, "X-Amzn-Bedrock-Output-Token-Count");
        String body = checked(model, response);
        Usage usage = new Usage(input, output, input + output);
        long latencyMs = header(http, "X-Amzn-Bedrock-Invocation-Latency");
        if (guardrail.isEmpty()) {
            return new InvokeReply(body, usage, latencyMs);
        }
        JsonNode answer = json(body);
        Map<String, GuardrailUsage> units = InvokeGuardrailVerdict.units(answer);
        boolean intervened = InvokeGuardrailVerdict.intervened(answer);
        if (!guardrail.get().trace() && InvokeGuardrailVerdict.hideTrace(answer)) {
            body = json(answer);
        }
        return new InvokeReply(body, usage, latencyMs, intervened, units);
    }

    private JsonNode json(String body) {
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("checked() has read it as JSON already", e);
        }
    }

    private String json(JsonNode body) {
        try {
            return mapper.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree is always JSON", e);
        }
    }

    /** Passed through as it came, so checked first: a body cut short on the way is not the model's answer. */
    private String checked(ModelSpec model, InvokeModelResponse response) {
        byte[] body = response.body().asByteArray();
        String name = model.alias() + " (" + model.modelId() + ")";
        int declared = header(response.sdkHttpResponse(), "Content-Length");
        if (declared > 0 && declared != body.length) {
            throw new ParleyException(
                    ErrorCode.MODEL_UNAVAILABLE,
                    "the answer of model "
                            + name
                            + " broke off after "
                            + body.length
                            + " of "
                            + declared
                            + " bytes; retry shortly");
        }
        try {
            mapper.readTree(body);
        } catch (IOException e) {
            throw new ParleyException(
                    ErrorCode.MODEL_ERROR,
                    "model " + name + " answered something that is not JSON");
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    /** A count header; 0 when Bedrock left it out (some models do not report usage). */
    private static int header(SdkHttpResponse http, String name) {
        try {
            return http.firstMatchingHeader(name)
                    .map(String::trim)
                    .map(Integer::parseInt)
                    .orElse(0);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
