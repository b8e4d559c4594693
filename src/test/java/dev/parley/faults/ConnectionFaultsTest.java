package dev.parley.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.local.ManagementApiControl.Frame;
import dev.parley.local.faults.AwsErrors;
import dev.parley.local.faults.Fault;
import dev.parley.local.faults.FaultControl;
import dev.parley.local.faults.FaultRule;
import dev.parley.testing.Emulator;
import dev.parley.testing.Faults;
import dev.parley.testing.Frames;
import dev.parley.testing.Lambda;
import dev.parley.testing.Lambda.ProxyResult;
import dev.parley.testing.StandInsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The WebSocket stream with the API Gateway Management API failing: frames that cannot be
 * posted are the client's loss, never the turn's. The invocation ends normally and the turn is
 * stored whole, as it would be for a client that disconnected.
 */
@QuarkusTest
@QuarkusTestResource(StandInsResource.class)
class ConnectionFaultsTest {
    private static final String USER = "connection-faults";

    @Inject DynamoDbClient dynamo;

    @BeforeEach
    void reset() {
        Faults.resetAll();
        Emulator.control().reset();
        Frames.control().reset();
    }

    @AfterEach
    void clear() {
        Faults.resetAll();
    }

    static Stream<Arguments> cells() {
        return Stream.of(
                Arguments.of(
                        "410 GoneException",
                        AwsErrors.management(410, "GoneException", null),
                        -1,
                        0),
                Arguments.of(
                        "500 on every post",
                        AwsErrors.management(
                                500, "InternalServerErrorException", "Internal server error"),
                        -1,
                        0),
                Arguments.of(
                        "429 LimitExceededException on every post",
                        AwsErrors.management(429, "LimitExceededException", "Rate exceeded"),
                        -1,
                        0),
                Arguments.of("connection reset on every post", new Fault.ResetAfter(0), -1, 0),
                Arguments.of(
                        "one 500, retried",
                        AwsErrors.management(
                                500, "InternalServerErrorException", "Internal server error"),
                        1,
                        2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void framesLostNeverLoseTheTurn(String label, Fault fault, int times, int minFrames) {
        ProxyResult first =
                Lambda.invoke(
                        Lambda.as(
                                USER,
                                Lambda.http(
                                        "POST",
                                        "/v1/chat",
                                        Map.of(
                                                "message",
                                                "Summarize: the river festival returns this weekend. Trams run all night."))));
        String conversation = first.body().path("conversationId").asText();
        int before = StoreSnapshot.of(dynamo, "parley", "CONV#" + conversation).size();
        FaultControl faults = Faults.management();
        faults.reset();
        faults.add(FaultRule.when("POST", "/@connections/").times(times).then(fault));

        String connection = "conn-" + UUID.randomUUID();
        ProxyResult result =
                Lambda.invoke(
                        Lambda.webSocketMessage(
                                connection,
                                USER,
                                Map.of(
                                        "action",
                                        "chat",
                                        "conversationId",
                                        conversation,
                                        "message",
                                        "Make it one sentence.")));
        faults.reset();

        assertEquals(200, result.raw().path("statusCode").asInt(), label + ": " + result);
        List<String> after = StoreSnapshot.of(dynamo, "parley", "CONV#" + conversation);
        assertEquals(before + 2, after.size(), label + ": the turn was not stored whole: " + after);
        List<Frame> frames = Frames.control().frames(connection);
        assertTrue(frames.size() >= minFrames, label + ": " + frames);
        if (minFrames > 0) {
            assertEquals("end", frames.get(frames.size() - 1).type(), label + ": " + frames);
        }
    }
}
