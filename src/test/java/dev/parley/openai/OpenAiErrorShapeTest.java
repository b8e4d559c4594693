package dev.parley.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.parley.error.ErrorCode;
import dev.parley.error.ParleyException;
import dev.parley.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Parley's error codes in OpenAI's error shape, the mappings no route test reaches. */
class OpenAiErrorShapeTest {

    private static OpenAiErrors.Detail detail(HttpResponse response) {
        return ((OpenAiErrors.ErrorBody) response.body()).error();
    }

    @Test
    void aGuardrailBlockIsOpenAisContentPolicyViolation() {
        HttpResponse response =
                new OpenAiErrors()
                        .of(
                                new ParleyException(
                                        ErrorCode.CONTENT_BLOCKED,
                                        "the request was blocked by guardrail"),
                                "req-1");
        assertEquals(400, response.status());
        assertEquals("invalid_request_error", detail(response).type());
        assertEquals("content_policy_violation", detail(response).code());
        assertEquals("the request was blocked by guardrail", detail(response).message());
        assertNull(detail(response).param());
    }

    @Test
    void anInternalErrorIsA500ServerErrorWithoutDetailsOfTheFailure() {
        HttpResponse response =
                new OpenAiErrors()
                        .of(
                                new ParleyException(
                                        ErrorCode.INTERNAL_ERROR,
                                        "internal error; the request id is in the logs"),
                                "req-2");
        assertEquals(500, response.status());
        assertEquals("server_error", detail(response).type());
        assertEquals(ErrorCode.INTERNAL_ERROR.code(), detail(response).code());
    }
}
