package dev.parley.local.bedrock;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.parley.local.bedrock.guardrails.GuardrailApi;
import dev.parley.local.bedrock.guardrails.GuardrailFault;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Routes Bedrock Runtime's REST paths, the guardrail operations of both Bedrock services and the
 * {@code /_emulator/} control paths, and is the
 * error boundary: a BedrockFault becomes Bedrock's error response, any other failure a 500
 * InternalServerException with no internals in it (the cause is only logged here).
 */
final class Router implements HttpHandler {

    private static final System.Logger LOG = System.getLogger(Router.class.getName());
    private static final Set<String> OPERATIONS =
            Set.of(
                    "converse",
                    "converse-stream",
                    "invoke",
                    "invoke-with-response-stream",
                    "count-tokens");

    private final EmulatorState state;
    private final ConverseService converse;
    private final InvokeService invoke;
    private final ControlService control;
    private final CountTokensService countTokens = new CountTokensService();
    private final GuardrailApi guardrails;

    Router(EmulatorState state) {
        this.state = state;
        this.converse = new ConverseService(state);
        this.invoke = new InvokeService(state);
        this.control = new ControlService(state);
        this.guardrails = new GuardrailApi(state.guardrails());
    }

    @Override
    public void handle(HttpExchange exchange) {
        long startNanos = System.nanoTime();
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getRawPath();
            if (path.startsWith("/_emulator/")) {
                control.handle(exchange, path.substring("/_emulator/".length()), body);
                return;
            }
            if (ModelResources.handles(path, exchange.getRequestMethod())) {
                state.recordCall("model-resources", path, body);
                try {
                    state.modelResources()
                            .handle(exchange, FoundationModelsApi.region(exchange), body);
                } finally {
                    state.callEnded(); // every recorded call ends, or the in-flight count of
                    // later calls is off
                }
                return;
            }
            if (FoundationModelsApi.handles(path)) {
                state.recordCall("foundation-models", path, body);
                try {
                    state.foundationModels().handle(exchange);
                } finally {
                    state.callEnded();
                }
                return;
            }
            if (GuardrailApi.handles(path)) {
                state.recordCall("guardrail", path, body);
                try {
                    if (!guardrails.handle(exchange, body)) {
                        HttpIo.error(
                                exchange,
                                ErrorType.UNKNOWN_OPERATION,
                                ErrorType.UNKNOWN_OPERATION.defaultMessage());
                    }
                } finally {
                    state.callEnded();
                }
                return;
            }
            // /model/{modelId}/{operation}; the id is one URL-encoded segment (":" as %3A, "/" as
            // %2F).
            int slash = path.lastIndexOf('/');
            String operation = path.substring(slash + 1);
            if (!path.startsWith("/model/")
                    || slash <= "/model/".length()
                    || !OPERATIONS.contains(operation)
                    || !"POST".equals(exchange.getRequestMethod())) {
                HttpIo.error(
                        exchange,
                        ErrorType.UNKNOWN_OPERATION,
                        ErrorType.UNKNOWN_OPERATION.defaultMessage());
                return;
            }
            String modelId =
                    URLDecoder.decode(
                            path.substring("/model/".length(), slash), StandardCharsets.UTF_8);
            state.recordCall(operation, modelId, body, bedrockHeaders(exchange));
            try {
                switch (operation) {
                    case "converse" -> converse.handle(exchange, modelId, body, false, startNanos);
                    case "converse-stream" ->
                            converse.handle(exchange, modelId, body, true, startNanos);
                    case "invoke" -> invoke.handle(exchange, modelId, body, false, startNanos);
                    case "count-tokens" -> countTokens.handle(exchange, modelId, body);
                    default -> invoke.handle(exchange, modelId, body, true, startNanos);
                }
            } finally {
                state.callEnded();
                state.modelCallSpan(startNanos, System.nanoTime());
            }
        } catch (BedrockFault fault) {
            respond(exchange, fault.type(), fault.getMessage());
        } catch (GuardrailFault fault) {
            respond(exchange, ErrorType.parse(fault.errorType()), fault.getMessage());
        } catch (DeltaPacer.StreamAborted aborted) {
            // the scripted exception event is written; ending the response ends the stream
        } catch (Throwable failure) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "Bedrock emulator failed on " + exchange.getRequestURI(),
                    failure);
            respond(
                    exchange,
                    ErrorType.INTERNAL_SERVER,
                    ErrorType.INTERNAL_SERVER.defaultMessage());
        } finally {
            exchange.close();
        }
    }

    /** The request's {@code X-Amzn-Bedrock-*} headers, by lower-case name. */
    private static java.util.Map<String, String> bedrockHeaders(HttpExchange exchange) {
        java.util.Map<String, String> headers = new java.util.TreeMap<>();
        exchange.getRequestHeaders()
                .forEach(
                        (name, values) -> {
                            if (name.toLowerCase(java.util.Locale.ROOT)
                                            .startsWith("x-amzn-bedrock-")
                                    && !values.isEmpty()) {
                                headers.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0));
                            }
                        });
        return headers;
    }

    /** Before the headers: an HTTP error; inside an event stream: an exception event. */
    private static void respond(HttpExchange exchange, ErrorType type, String message) {
        try {
            if (exchange.getResponseCode() == -1) {
                HttpIo.error(exchange, type, message);
            } else if ("application/vnd.amazon.eventstream"
                    .equals(exchange.getResponseHeaders().getFirst("Content-Type"))) {
                new EventStreamWriter(exchange.getResponseBody())
                        .exception(
                                type == ErrorType.VALIDATION ? type : ErrorType.INTERNAL_SERVER,
                                message);
            }
        } catch (Exception ignored) {
            // the client went away; nothing left to tell it
        }
    }
}
