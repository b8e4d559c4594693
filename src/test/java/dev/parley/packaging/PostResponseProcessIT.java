package dev.parley.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.local.LocalRuntimeApi;
import dev.parley.local.StandIns;
import dev.parley.local.faults.Fault;
import dev.parley.local.faults.FaultRule;
import dev.parley.testing.FunctionZip;
import dev.parley.testing.JavaRuntime;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Where the usage ledger's write runs on Lambda, shown on the packaged function: target/function.zip
 * under AWS's runtime interface client with Lambda's JVM flags, against the Runtime API stand-in
 * (which implements the Extensions API: an invocation completes only when the runtime and every
 * extension asked for their next event). For a warm summarize the ledger's write (held on its way)
 * does not delay the response, and is done
 * before the environment is released for the next invocation; and each call is in the ledger
 * exactly once.
 */
class PostResponseProcessIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final Duration WRITE_HELD = Duration.ofMillis(700);

    @Test
    void theLedgerIsWrittenAfterTheResponseAndBeforeTheEnvironmentIsReleased() throws Exception {
        Path zip = Path.of("target", "function.zip");
        assertTrue(Files.isRegularFile(zip), "package first: ./mvnw package -DskipTests");
        Path task =
                FunctionZip.unpack(
                        zip, Path.of("target", "post-response-function").toAbsolutePath());
        Path log = Path.of("target", "post-response-function.log");
        try (StandIns standIns = StandIns.start(StandIns.Options.ephemeral());
                LocalRuntimeApi api = LocalRuntimeApi.start()) {
            Process process =
                    function(zip, task, standIns, api)
                            .redirectErrorStream(true)
                            .redirectOutput(log.toFile())
                            .start();
            try {
                byte[] summarize = summarizeEvent();
                // The first request warms the instance up (and reads the lifecycle report after its
                // response); the measured one is the second, as on a warm environment.
                LocalRuntimeApi.Outcome first = api.await(api.invoke(summarize), WAIT);
                assertEquals(200, status(first), first.body());
                api.awaitReleased(first.requestId(), WAIT);

                // The ledger's write is held 700 ms on its way to DynamoDB: a response that waited
                // for it would be posted after that, and the environment would be released with it.
                standIns.faultProxy("dynamodb")
                        .orElseThrow()
                        .add(
                                FaultRule.when("POST", ".*")
                                        .header("X-Amz-Target", ".*UpdateItem")
                                        .times(1)
                                        .then(new Fault.Delay(WRITE_HELD.toMillis())));
                int before = dynamoArrivals(standIns).size();
                LocalRuntimeApi.Outcome warm = api.await(api.invoke(summarize), WAIT);
                assertEquals(200, status(warm), warm.body());
                long released = api.awaitReleased(warm.requestId(), WAIT);
                List<Long> arrivals = dynamoArrivals(standIns);
                List<Long> mine = arrivals.subList(before, arrivals.size());

                assertEquals(1, mine.size(), "one DynamoDB request for the call: " + mine);
                long write = mine.get(0);
                assertTrue(write > warm.handedOutNanos(), "the write belongs to the measured call");
                assertTrue(write < released, "written before the environment was released");
                assertTrue(
                        released - warm.answeredNanos() >= WRITE_HELD.toNanos() * 9 / 10,
                        "the response was posted without waiting for the held write (released "
                                + (released - warm.answeredNanos()) / 1_000_000
                                + " ms after the response)");
                assertEquals(2L, ledgerCalls(standIns), "both calls in the ledger, each once");
            } finally {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }

    /**
     * The JVM zip under the runtime interface client; a native zip's bootstrap (Quarkus's poll loop,
     * with the extension registered from {@code ParleyMain.main}) as provided.al2023 runs it.
     */
    private static ProcessBuilder function(
            Path zip, Path task, StandIns standIns, LocalRuntimeApi api) throws Exception {
        try (java.util.zip.ZipFile file = new java.util.zip.ZipFile(zip.toFile())) {
            if (file.getEntry("bootstrap") == null) {
                List<String> jvm = JavaRuntime.jvm();
                standIns.functionConfig()
                        .forEach((key, value) -> jvm.add("-D" + key + "=" + value));
                return JavaRuntime.function(jvm, task, api);
            }
        }
        task.resolve("bootstrap").toFile().setExecutable(true);
        List<String> command =
                new java.util.ArrayList<>(List.of(task.resolve("bootstrap").toString()));
        standIns.functionConfig().forEach((key, value) -> command.add("-D" + key + "=" + value));
        ProcessBuilder builder = new ProcessBuilder(command).directory(task.toFile());
        JavaRuntime.lambdaEnvironment(builder, api).put("LAMBDA_TASK_ROOT", task.toString());
        return builder;
    }

    private static byte[] summarizeEvent() throws Exception {
        ObjectNode event =
                (ObjectNode) JSON.readTree(Files.readString(Path.of("events", "summarize.json")));
        event.put(
                "body",
                "{\"text\": \"The river festival returns to Linz this weekend after a two-year"
                        + " pause.\", \"style\": \"one-sentence\"}");
        event.put("isBase64Encoded", false);
        return JSON.writeValueAsBytes(event);
    }

    private static int status(LocalRuntimeApi.Outcome outcome) throws Exception {
        assertFalse(outcome.error(), outcome.body());
        return JSON.readTree(outcome.body()).path("statusCode").asInt();
    }

    private static List<Long> dynamoArrivals(StandIns standIns) {
        return standIns.faultProxy("dynamodb").orElseThrow().arrivals();
    }

    /** The calls on every usage day item, read with the real SDK client. */
    private static long ledgerCalls(StandIns standIns) {
        try (DynamoDbClient dynamo =
                DynamoDbClient.builder()
                        .endpointOverride(URI.create(standIns.dynamoEndpoint().toString()))
                        .region(Region.of(StandIns.REGION))
                        .credentialsProvider(
                                StaticCredentialsProvider.create(
                                        AwsBasicCredentials.create(
                                                StandIns.ACCESS_KEY, StandIns.SECRET_KEY)))
                        .httpClient(UrlConnectionHttpClient.create())
                        .build()) {
            return dynamo.scan(scan -> scan.tableName(StandIns.TABLE)).items().stream()
                    .filter(item -> text(item, "pk").startsWith("USAGE#"))
                    .filter(item -> text(item, "sk").startsWith("DAY#"))
                    .mapToLong(item -> Long.parseLong(item.get("calls").n()))
                    .sum();
        }
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.s() == null ? "" : value.s();
    }
}
