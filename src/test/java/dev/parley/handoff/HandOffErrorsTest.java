package dev.parley.handoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.error.ErrorCode;
import dev.parley.error.ParleyException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.lambda.model.LambdaException;

/** Lambda's refusals, built with the SDK's own builders, become the error frames' codes; only safe ones are retried. */
class HandOffErrorsTest {
    private static final String ARN =
            "arn:aws:lambda:us-east-1:123456789012:function:parley-ParleyStreamFunction-Ab12:live";

    private static LambdaException refusal(int status, String code) {
        return (LambdaException)
                LambdaException.builder()
                        .statusCode(status)
                        .message("Lambda's message naming 123456789012")
                        .awsErrorDetails(
                                AwsErrorDetails.builder()
                                        .errorCode(code)
                                        .errorMessage("Lambda's message")
                                        .build())
                        .build();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "429, TooManyRequestsException, throttled, true",
        "403, AccessDeniedException, stream_unavailable, false",
        "404, ResourceNotFoundException, stream_unavailable, false",
        "413, RequestEntityTooLargeException, payload_too_large, false",
        "500, ServiceException, stream_unavailable, true",
        "502, ResourceNotReadyException, stream_unavailable, true",
        "400, InvalidRequestContentException, stream_unavailable, false"
    })
    void refusalsMapToCodesAndOnlyUnqueuedOnesAreRetried(
            int status, String code, String expected, boolean retried) {
        ParleyException e = HandOffErrors.of(refusal(status, code), ARN);
        assertEquals(expected, e.code().code());
        assertFalse(
                e.getMessage().contains("123456789012"),
                "no account id reaches the client: " + e.getMessage());
        assertEquals(retried, HandOffErrors.notQueued(refusal(status, code)));
    }

    @Test
    void theMissingFunctionIsNamedWithoutAccountOrRegion() {
        ParleyException e = HandOffErrors.of(refusal(404, "ResourceNotFoundException"), ARN);
        assertTrue(
                e.getMessage().contains("'parley-ParleyStreamFunction-Ab12:live' does not exist"),
                e.getMessage());
        assertEquals("parley-stream", HandOffErrors.nameOnly("parley-stream"));
        assertEquals("parley-stream:live", HandOffErrors.nameOnly("parley-stream:live"));
        assertEquals(
                "parley-stream",
                HandOffErrors.nameOnly(
                        "arn:aws:lambda:us-east-1:123456789012:function:parley-stream"));
    }

    @Test
    void aTimedOutAttemptMayHaveBeenQueuedSoItIsNotRetriedButAnUnreachableLambdaIs() {
        SdkClientException timeout = ApiCallAttemptTimeoutException.create(2_000);
        assertFalse(HandOffErrors.notQueued(timeout));
        assertEquals(ErrorCode.STREAM_UNAVAILABLE, HandOffErrors.of(timeout, ARN).code());
        assertTrue(HandOffErrors.of(timeout, ARN).getMessage().contains("may still follow"));

        SdkClientException refused =
                SdkClientException.create(
                        "Unable to execute HTTP request", new ConnectException("refused"));
        assertTrue(HandOffErrors.notQueued(refused));
        assertTrue(HandOffErrors.of(refused, ARN).getMessage().contains("could not be reached"));
    }
}
