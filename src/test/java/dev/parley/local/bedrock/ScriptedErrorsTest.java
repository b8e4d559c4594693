package dev.parley.local.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.model.AccessDeniedException;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;
import software.amazon.awssdk.services.bedrockruntime.model.InternalServerException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelErrorException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelNotReadyException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelTimeoutException;
import software.amazon.awssdk.services.bedrockruntime.model.ResourceNotFoundException;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceUnavailableException;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/** Each scripted error type reaches the SDK as its typed exception, with Bedrock's status. */
class ScriptedErrorsTest extends EmulatorTestSupport {

    static Stream<Arguments> errorTypes() {
        return Stream.of(
                Arguments.of("ValidationException", ValidationException.class, 400),
                Arguments.of("AccessDeniedException", AccessDeniedException.class, 403),
                Arguments.of("ResourceNotFoundException", ResourceNotFoundException.class, 404),
                Arguments.of("ModelTimeoutException", ModelTimeoutException.class, 408),
                Arguments.of("ThrottlingException", ThrottlingException.class, 429),
                Arguments.of("ModelNotReadyException", ModelNotReadyException.class, 429),
                Arguments.of("ModelErrorException", ModelErrorException.class, 424),
                Arguments.of("InternalServerException", InternalServerException.class, 500),
                Arguments.of("ServiceUnavailableException", ServiceUnavailableException.class, 503),
                Arguments.of(
                        "ServiceQuotaExceededException", ServiceQuotaExceededException.class, 400));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errorTypes")
    void scriptedErrorIsRaisedAsTheTypedException(
            String type, Class<? extends BedrockRuntimeException> expected, int status) {
        control.scriptError(null, type, "scripted " + type);

        BedrockRuntimeException e =
                assertThrows(
                        BedrockRuntimeException.class,
                        () -> client.converse(r -> r.modelId(NOVA_MICRO).messages(user("Hi"))));

        assertInstanceOf(expected, e);
        assertEquals(status, e.statusCode());
        assertEquals(type, e.awsErrorDetails().errorCode());
        assertEquals("scripted " + type, e.awsErrorDetails().errorMessage());
        // One entry, one failure: the next call gets the default model again.
        client.converse(r -> r.modelId(NOVA_MICRO).messages(user("Hi")));
    }

    @Test
    void scriptedErrorsReachInvokeAndTheAsyncClientToo() {
        control.scriptError(CLAUDE_HAIKU, "ThrottlingException", null);
        BedrockRuntimeException e =
                assertThrows(
                        ThrottlingException.class,
                        () ->
                                client.invokeModel(
                                        r ->
                                                r.modelId(CLAUDE_HAIKU)
                                                        .body(
                                                                SdkBytes.fromUtf8String(
                                                                        InvokeTest
                                                                                .ANTHROPIC_BODY))));
        assertEquals(
                "Too many requests, please wait before trying again.",
                e.awsErrorDetails().errorMessage());

        control.scriptError(null, "ModelTimeoutException", "too slow");
        CompletionException failure =
                assertThrows(
                        CompletionException.class,
                        () ->
                                asyncClient
                                        .converse(r -> r.modelId(NOVA_MICRO).messages(user("Hi")))
                                        .join());
        assertInstanceOf(ModelTimeoutException.class, failure.getCause());
    }
}
